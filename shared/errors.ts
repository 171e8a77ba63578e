/**
 * The closed set of failures a user can hit, each with a sentence a person can act on.
 * Results cross the process boundary as data, so a code is all the renderer can rely on.
 */

export const ERROR_CODES = [
  'AUTH_FAILED',
  'TLS_REQUIRED',
  'CERT_UNTRUSTED',
  'CERT_CHANGED',
  'HOST_UNREACHABLE',
  'TIMEOUT',
  'PASSWORD_REQUIRED',
  'INVALID_INPUT',
  'NOT_FOUND',
  'ACCOUNT_EXISTS',
  'SEND_REJECTED',
  'PROTOCOL_ERROR',
  'STORAGE_FAILED',
  'SMIME_UNAVAILABLE',
  'WRONG_PASSWORD',
  'KEYSTORE_LOCKED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a server certificate looked like when it was refused, so the user can judge it. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  fingerprint256: string;
  validFrom: string;
  validTo: string;
  /** The server that presented it, so the user knows which one they are judging. */
  server?: { host: string; port: number };
  /**
   * Whether the user may pin it: only a certificate no trusted authority vouches for, never an
   * expired one, one for another host, or one the server cannot present with its own anchor.
   */
  pinnable?: boolean;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  certificate?: CertificateSummary;
}

/** Default wording when a service has nothing more specific to say. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  AUTH_FAILED: 'The server refused the address or password.',
  TLS_REQUIRED: 'The server did not offer TLS; Sealmail never sends your password or mail in clear.',
  CERT_UNTRUSTED: "The server's certificate is not trusted.",
  CERT_CHANGED: "The server's certificate changed since you trusted it.",
  HOST_UNREACHABLE: 'The server could not be reached.',
  TIMEOUT: 'The server took too long to answer.',
  PASSWORD_REQUIRED: 'Sealmail needs the password for this account again.',
  INVALID_INPUT: 'Some of the information given is not valid.',
  NOT_FOUND: 'That item no longer exists.',
  ACCOUNT_EXISTS: 'An account with this address is already set up.',
  SEND_REJECTED: 'The server refused to send the message.',
  PROTOCOL_ERROR: 'The server answered in a way Sealmail did not understand.',
  STORAGE_FAILED: 'Sealmail could not write to its profile folder.',
  WRONG_PASSWORD: 'The password or passphrase is not the right one.',
  KEYSTORE_LOCKED: 'Your keystore is locked; enter its passphrase to open it.',
  SMIME_UNAVAILABLE: 'Sealmail cannot sign or encrypt this message, so it was not sent. Turn Sign or Encrypt off to send it without.',
  INTERNAL: 'Something went wrong inside Sealmail.',
};

/**
 * Thrown by services; turned into `{ ok: false, error }` at the boundary.
 * Lives in shared/ so the renderer's test fake can throw the same thing.
 */
export class SealmailError extends Error {
  readonly code: ErrorCode;
  readonly certificate?: CertificateSummary;

  constructor(code: ErrorCode, message: string = DEFAULT_MESSAGES[code], extra: { certificate?: CertificateSummary; cause?: unknown } = {}) {
    super(message, { cause: extra.cause });
    this.name = 'SealmailError';
    this.code = code;
    if (extra.certificate) this.certificate = extra.certificate;
  }

  toAppError(): AppError {
    return this.certificate
      ? { code: this.code, message: this.message, certificate: this.certificate }
      : { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
