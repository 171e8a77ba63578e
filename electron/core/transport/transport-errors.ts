/**
 * Turns what imapflow, nodemailer and Node's TLS stack throw into a SealmailError with a sentence a
 * person can act on. Matching is on error codes first and on message text only where the libraries
 * give no code (OpenSSL's handshake failures).
 */
import { SealmailError } from '../../../shared/errors';
import type { ServerEndpoint } from '../../../shared/domain';
import type { Credentials } from './credentials';
import { NO_AUTH_OFFERED, NO_OAUTH_OFFERED, PIN_MISMATCH, STARTTLS_INJECTION } from './transport-codes';

export type Protocol = 'IMAP' | 'SMTP';

const UNTRUSTED_CHAIN = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EADDRNOTAVAIL']);
const TIMEOUTS = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);

interface LibraryError {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  /** imapflow: STARTTLS was required and could not be done. */
  tlsFailed?: boolean;
  /** nodemailer keeps the first code here when it overwrites `code`. */
  originalCode?: string;
  responseCode?: number;
  response?: unknown;
  responseText?: string;
  cause?: unknown;
}

/** `credentials`, when known, words a refused login for what was sent: a password or an access token. */
export function toTransportError(error: unknown, protocol: Protocol, endpoint: ServerEndpoint, credentials?: Credentials): SealmailError {
  if (error instanceof SealmailError) return error;
  const failure = (error ?? {}) as LibraryError;
  const code = innermostCode(failure);
  const text = String(failure.message ?? '');
  const where = `${endpoint.host}:${endpoint.port}`;
  const token = credentials !== undefined && 'accessToken' in credentials;
  const make = (kind: SealmailError['code'], message: string) => new SealmailError(kind, message, { cause: error });

  if (code === STARTTLS_INJECTION || failure.originalCode === STARTTLS_INJECTION || /after the STARTTLS (response|answer)/i.test(text)) {
    return make('TLS_REQUIRED', `${where} sent data after agreeing to STARTTLS and before the TLS handshake, as an attacker in the middle would; Sealmail stopped before sending your password.`);
  }
  if (failure.originalCode === NO_AUTH_OFFERED || code === NO_AUTH_OFFERED) {
    return make('AUTH_FAILED', `${protocol} server ${where} does not offer to log in, so Sealmail did not send: it only sends mail after logging in with your account.`);
  }
  if (failure.originalCode === NO_OAUTH_OFFERED || code === NO_OAUTH_OFFERED || (token && /Unsupported authentication mechanism/.test(text))) {
    return make('AUTH_FAILED', `${protocol} server ${where} offers no OAuth 2.0 login (neither OAUTHBEARER nor XOAUTH2), so this account cannot sign in there; your token was not sent.`);
  }
  if (code === PIN_MISMATCH) {
    return make('CERT_CHANGED', `The certificate of ${endpoint.host} changed since you trusted it. Sealmail sent nothing.`);
  }
  if (failure.tlsFailed) {
    return /not support STARTTLS|PREAUTH/i.test(text)
      ? make('TLS_REQUIRED', `${where} does not offer STARTTLS, so it would take your password in clear; Sealmail sent nothing.`)
      : make('TLS_REQUIRED', `${where} could not start TLS (${text.slice(0, 120)}); Sealmail sent nothing.`);
  }
  if (failure.authenticationFailed || code === 'EAUTH' || failure.responseCode === 535) {
    return token
      ? make('AUTH_FAILED', `${protocol} server ${where} refused the access token from ${credentials.issuerName}.`)
      : make('AUTH_FAILED', `${protocol} server ${where} refused the user name or password.`);
  }
  if (code === 'ETLS' && /STARTTLS/i.test(`${text} ${serverText(failure)}`) && !/initiating TLS/i.test(text)) {
    return make('TLS_REQUIRED', `${where} refused STARTTLS, so it would take your password in clear; Sealmail sent nothing.`);
  }
  if (code === 'EENVELOPE' || code === 'EMESSAGE') {
    return make('SEND_REJECTED', `The server refused the message: ${serverText(failure) || text}`);
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return make('CERT_UNTRUSTED', `The certificate of ${endpoint.host} has expired; Sealmail did not send your password.`);
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return make('CERT_UNTRUSTED', `The certificate of ${endpoint.host} is not valid yet; check this computer's clock.`);
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return make('CERT_UNTRUSTED', `The certificate presented at ${where} is for another host, not ${endpoint.host}.`);
  }
  if (code && UNTRUSTED_CHAIN.has(code)) {
    return make('CERT_UNTRUSTED', `The certificate of ${endpoint.host} is not signed by an authority Sealmail trusts; nothing was sent.`);
  }
  if (/protocol version|unsupported protocol|no protocols available|ERR_SSL_UNSUPPORTED_PROTOCOL/i.test(`${code} ${text}`)) {
    return make('TLS_REQUIRED', `${where} offers only an outdated TLS version; Sealmail needs TLS 1.2 or newer.`);
  }
  if (/before secure TLS connection/i.test(text)) {
    // The socket closed mid-handshake: a server that does not speak TLS on this port, or a dropped
    // network. Both mean nothing was sent; say both, since only the user can tell which.
    return make(
      'TLS_REQUIRED',
      `${where} closed the connection before TLS was set up: it may not speak TLS on this port, or the network dropped it. Nothing was sent.`,
    );
  }
  if (
    /wrong version number|packet length too long|unknown protocol|http request|ERR_SSL_/i.test(`${code} ${text}`) ||
    code === 'ClosedAfterConnectTLS' ||
    code === 'ETLS'
  ) {
    return make('TLS_REQUIRED', `${where} did not answer with TLS; Sealmail never sends your password or mail in clear.`);
  }
  if (code && UNREACHABLE.has(code)) {
    return make('HOST_UNREACHABLE', `Could not reach the ${protocol} server ${where}. Check the server name and port.`);
  }
  if (code && TIMEOUTS.has(code)) {
    return make('TIMEOUT', `The ${protocol} server ${where} did not answer in time.`);
  }
  if (typeof failure.responseCode === 'number' && failure.responseCode >= 500) {
    return make('SEND_REJECTED', `The server refused the message: ${serverText(failure) || text}`);
  }
  if (code === 'NoConnection' || code === 'EConnectionClosed' || code === 'ECONNRESET' || code === 'ClosedAfterConnectText') {
    return make('HOST_UNREACHABLE', `The ${protocol} server ${where} closed the connection.`);
  }
  return make('PROTOCOL_ERROR', `The ${protocol} server ${where} answered unexpectedly${text ? `: ${text.slice(0, 200)}` : '.'}`);
}

/** TLS errors arrive wrapped by the libraries; the socket's own code is the informative one. */
function innermostCode(error: LibraryError): string | undefined {
  let current: LibraryError | undefined = error;
  let code: string | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && !isGenericWrapperCode(current.code)) code = current.code;
    else code ??= codeFromOpenSslText(String(current.message ?? ''));
    current = current.cause as LibraryError | undefined;
  }
  return code ?? codeFromOpenSslText(String(error.message ?? '')) ?? error.code;
}

/** nodemailer replaces the socket's code with ESOCKET but keeps OpenSSL's sentence. */
function codeFromOpenSslText(text: string): string | undefined {
  if (/certificate has expired/i.test(text)) return 'CERT_HAS_EXPIRED';
  if (/certificate is not yet valid/i.test(text)) return 'CERT_NOT_YET_VALID';
  if (/does not match certificate's altnames/i.test(text)) return 'ERR_TLS_CERT_ALTNAME_INVALID';
  if (/self[- ]signed certificate in certificate chain/i.test(text)) return 'SELF_SIGNED_CERT_IN_CHAIN';
  if (/self[- ]signed certificate/i.test(text)) return 'DEPTH_ZERO_SELF_SIGNED_CERT';
  if (/unable to (verify the first certificate|get local issuer certificate)/i.test(text)) return 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
  return undefined;
}

function isGenericWrapperCode(code: string): boolean {
  return code === 'ESOCKET' || code === 'ECONNECTION' || code === 'ETLS';
}

function serverText(error: LibraryError): string {
  if (typeof error.response === 'string') return error.response.slice(0, 300);
  return (error.responseText ?? '').slice(0, 300);
}
