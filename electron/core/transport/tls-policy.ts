/**
 * The one module that decides how Sealmail connects to a mail server. Every IMAP and SMTP
 * connection's options come from here, so "never in clear" is enforced in one place.
 *
 * Implicit TLS (RFC 8314: 993 for IMAP, 465 for submission) unless the endpoint asks for STARTTLS,
 * and then STARTTLS is a hard requirement (imapflow `doSTARTTLS: true`, nodemailer `requireTLS:
 * true`), never opportunistic. There is no value that means plaintext: anything that is not exactly
 * 'starttls' is implicit TLS, and a port that speaks plaintext fails the handshake.
 */
import { isIP } from 'node:net';
import { checkServerIdentity, createSecureContext, rootCertificates, type ConnectionOptions, type PeerCertificate, type SecureContext } from 'node:tls';
import type { ConnectionSecurity, ServerEndpoint } from '../../../shared/domain';
import { isToken, type Credentials } from './credentials';
import { refusingPlainAuth } from './smtp-auth-guard';
import { OAUTH_SASL_METHOD, oauthSasl } from './smtp-oauth-sasl';
import { guardedSmtpSocket } from './smtp-socket';
import { PIN_MISMATCH } from './transport-codes';

export interface TrustSettings {
  /** PEM certificates trusted in addition to the system's roots (a test CA, a company CA). */
  extraTrustAnchors: readonly string[];
}

/**
 * A certificate the user pinned, with the chain the server presented it with (read by a
 * handshake that sent nothing) so that OpenSSL can verify it against itself.
 */
export interface PinnedTrust {
  fingerprint256: string;
  anchors: readonly string[];
}

export const MIN_TLS_VERSION = 'TLSv1.2' as const;

const CONNECT_TIMEOUT_MS = 15_000;

export type { Credentials } from './credentials';

/** Implicit TLS unless STARTTLS was asked for by name; nothing else is possible. */
export function securityOf(endpoint: ServerEndpoint): ConnectionSecurity {
  return endpoint.security === 'starttls' ? 'starttls' : 'tls';
}

/**
 * TLS options shared by IMAP and SMTP: verified chain, verified host name, TLS 1.2 or newer.
 * For a pinned endpoint the certificate must also be exactly the pinned one; with `pin` the
 * chain is verified against the pinned chain alone, so no authority can stand in for it.
 */
export function tlsOptionsFor(endpoint: ServerEndpoint, trust: TrustSettings, pin?: PinnedTrust): ConnectionOptions {
  const options: ConnectionOptions = {
    minVersion: MIN_TLS_VERSION,
    rejectUnauthorized: true,
  };
  // SNI must not carry an IP address (RFC 6066 §3); the IP is still checked against the certificate.
  if (isIP(endpoint.host) === 0) options.servername = endpoint.host;
  if (pin) options.ca = [...pin.anchors];
  else if (trust.extraTrustAnchors.length > 0) {
    const ca = [...rootCertificates, ...trust.extraTrustAnchors];
    options.ca = ca;
    options.secureContext = withExtraAnchors(trust.extraTrustAnchors, ca);
  }
  const pinned = pin?.fingerprint256 ?? endpoint.pinnedFingerprint256;
  if (pinned) options.checkServerIdentity = pinChecker(pinned);
  return options;
}

/**
 * The system roots with the extra anchors, parsed once per set of anchors. tls.connect would
 * otherwise parse the 150-odd roots again for every connection (about 20 ms of main-thread time,
 * before the first byte of a sync). It uses this context in place of `ca` and `minVersion`, so
 * it is built from exactly those.
 */
const anchorContexts = new WeakMap<readonly string[], SecureContext>();
function withExtraAnchors(anchors: readonly string[], ca: string[]): SecureContext {
  let context = anchorContexts.get(anchors);
  if (!context) anchorContexts.set(anchors, (context = createSecureContext({ minVersion: MIN_TLS_VERSION, ca })));
  return context;
}

/** Host name check first (as without a pin), then the exact certificate. */
function pinChecker(fingerprint256: string) {
  const expected = fingerprint256.toUpperCase();
  return (host: string, certificate: PeerCertificate): Error | undefined => {
    const wrongHost = checkServerIdentity(host, certificate);
    if (wrongHost) return wrongHost;
    if (certificate.fingerprint256?.toUpperCase() === expected) return undefined;
    return Object.assign(new Error(`The certificate of ${host} changed since you trusted it.`), { code: PIN_MISMATCH });
  };
}

/** Options for imapflow: implicit TLS, or STARTTLS as a requirement (imapflow refuses both at once). */
export function imapOptions(endpoint: ServerEndpoint, credentials: Credentials, trust: TrustSettings, pin?: PinnedTrust) {
  const transportSecurity =
    securityOf(endpoint) === 'starttls' ? { secure: false as const, doSTARTTLS: true as const } : { secure: true as const };
  return {
    host: endpoint.host,
    port: endpoint.port,
    ...transportSecurity,
    tls: tlsOptionsFor(endpoint, trust, pin),
    // imapflow picks OAUTHBEARER, else XOAUTH2, for a token, and refuses when the server offers neither.
    auth: isToken(credentials) ? { user: credentials.user, accessToken: credentials.accessToken } : { user: credentials.user, pass: credentials.pass },
    logger: false as const,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 5 * 60_000,
    maxLiteralSize: 100 * 1024 * 1024,
    clientInfo: { name: 'Sealmail' },
    // ENABLE QRESYNC (RFC 7162) where offered: sync learns of expunges as VANISHED UIDs.
    qresync: true,
  };
}

/**
 * Options for nodemailer: implicit TLS or STARTTLS demanded (`requireTLS` sends STARTTLS even when
 * the server hides it, and fails when it is refused). The socket comes from `guardedSmtpSocket`,
 * which refuses plaintext injected after the STARTTLS answer and applies a pin; login is forced and
 * refused outright when the server offers no AUTH, so a message is never sent without logging in.
 */
export function smtpOptions(endpoint: ServerEndpoint, credentials: Credentials, trust: TrustSettings) {
  return {
    host: endpoint.host,
    port: endpoint.port,
    secure: securityOf(endpoint) === 'tls',
    requireTLS: true as const,
    tls: tlsOptionsFor(endpoint, trust),
    ...smtpAuth(credentials),
    forceAuth: true as const,
    getSocket: guardedSmtpSocket(endpoint, trust),
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 2 * 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}

/**
 * A password logs in with PLAIN, a token with OAUTHBEARER or XOAUTH2; each handler is the only one
 * nodemailer is given, so a token can never be sent as a password nor a password as a token.
 */
function smtpAuth(credentials: Credentials) {
  if (isToken(credentials)) {
    return {
      auth: { user: credentials.user, pass: credentials.accessToken, method: OAUTH_SASL_METHOD },
      customAuth: { [OAUTH_SASL_METHOD]: oauthSasl },
    };
  }
  return { auth: { user: credentials.user, pass: credentials.pass }, customAuth: { PLAIN: refusingPlainAuth } };
}
