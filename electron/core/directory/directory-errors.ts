/**
 * What went wrong talking to a directory, as one sentence a person can act on. The step that
 * failed (connect, StartTLS, bind, search) decides most of the wording; Node's TLS codes and
 * LDAP result codes (RFC 4511 Appendix A) the rest.
 */
import { InvalidCredentialsError, NoSuchObjectError } from 'ldapts';
import { PIN_MISMATCH } from '../transport/transport-codes';

export type DirectoryStep = 'connect' | 'starttls' | 'bind' | 'search';

/** A failure Sealmail decided on itself (not a library's), already in words. */
export class DirectoryRefusal extends Error {}

const UNTRUSTED_CHAIN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED',
]);

interface Where {
  host: string;
  port: number;
}

function tlsSentence(code: string | undefined, where: Where): string | null {
  if (code === PIN_MISMATCH) return `The certificate of directory ${where.host} changed since you trusted it; Sealmail sent nothing.`;
  if (code === 'CERT_HAS_EXPIRED') return `The certificate of directory ${where.host} has expired; Sealmail sent nothing.`;
  if (code === 'CERT_NOT_YET_VALID') return `The certificate of directory ${where.host} is not valid yet; check this computer's clock.`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `The certificate presented at ${where.host}:${where.port} is for another host, not ${where.host}; Sealmail sent nothing.`;
  if (code && UNTRUSTED_CHAIN.has(code)) return `The certificate of directory ${where.host} is not signed by an authority Sealmail trusts; Sealmail sent nothing.`;
  return null;
}

/** The sentence for `error`, thrown while Sealmail was at `step` with the directory at `where`. */
export function directoryFailure(error: unknown, step: DirectoryStep, where: Where): string {
  if (error instanceof DirectoryRefusal) return error.message;
  const failure = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  const text = String(failure.message ?? error);
  const at = `${where.host}:${where.port}`;
  const tls = tlsSentence(code, where);
  if (tls) return tls;
  if (code === 'ECONNREFUSED') return `Directory ${at} refused the connection; check its address and port.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The directory host ${where.host} could not be found.`;
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) return `Directory ${at} did not answer in time.`;
  if (step === 'starttls') return noTls(where.host);
  if (step === 'connect') {
    // An ldaps:// URL pointing at a plain LDAP port ends in OpenSSL's words, not a code.
    if (/wrong version number|packet length too long|ECONNRESET|socket disconnected/i.test(`${code ?? ''} ${text}`)) {
      return `Directory ${at} did not speak TLS; is it an LDAPS port? Sealmail sent nothing.`;
    }
    return `Could not connect to directory ${at} (${text.slice(0, 120)}).`;
  }
  if (step === 'bind') {
    if (error instanceof InvalidCredentialsError) return `Directory ${where.host} refused the bind DN or password.`;
    return `Directory ${where.host} refused the bind (${text.slice(0, 120)}).`;
  }
  if (error instanceof NoSuchObjectError) return `Directory ${where.host} has no entry at the base DN; check the base DN setting.`;
  return `The search in directory ${where.host} failed (${text.slice(0, 120)}).`;
}

export function noTls(host: string): string {
  return `${host} offered no TLS; Sealmail will not send your directory password or a recipient's address in clear.`;
}
