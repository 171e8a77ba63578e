/**
 * The one module that decides how Sealmail connects to a mail server. Every IMAP and SMTP
 * connection's options come from here, so "never in clear" is enforced in one place.
 *
 * For now every connection is implicit TLS (RFC 8314: 993 for IMAP, 465 for submission), whatever
 * the port: a port that speaks plaintext fails the TLS handshake and is reported, never used.
 */
import { isIP } from 'node:net';
import { rootCertificates, type ConnectionOptions } from 'node:tls';
import type { ServerEndpoint } from '../../../shared/domain';

export interface TrustSettings {
  /** PEM certificates trusted in addition to the system's roots (a test CA, a company CA). */
  extraTrustAnchors: readonly string[];
}

export const MIN_TLS_VERSION = 'TLSv1.2' as const;

const CONNECT_TIMEOUT_MS = 15_000;

/** TLS options shared by IMAP and SMTP: verified chain, verified host name, TLS 1.2 or newer. */
export function tlsOptionsFor(endpoint: ServerEndpoint, trust: TrustSettings): ConnectionOptions {
  const options: ConnectionOptions = {
    minVersion: MIN_TLS_VERSION,
    rejectUnauthorized: true,
  };
  // SNI must not carry an IP address (RFC 6066 §3); the IP is still checked against the certificate.
  if (isIP(endpoint.host) === 0) options.servername = endpoint.host;
  if (trust.extraTrustAnchors.length > 0) options.ca = [...rootCertificates, ...trust.extraTrustAnchors];
  return options;
}

export interface Credentials {
  user: string;
  pass: string;
}

/** Options for imapflow: implicit TLS from the first byte (imapflow refuses doSTARTTLS beside it). */
export function imapOptions(endpoint: ServerEndpoint, credentials: Credentials, trust: TrustSettings) {
  return {
    host: endpoint.host,
    port: endpoint.port,
    secure: true,
    tls: tlsOptionsFor(endpoint, trust),
    auth: { user: credentials.user, pass: credentials.pass },
    logger: false as const,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 5 * 60_000,
    maxLiteralSize: 100 * 1024 * 1024,
    clientInfo: { name: 'Sealmail' },
  };
}

/** Options for nodemailer: implicit TLS, TLS demanded, no file or URL access from message data. */
export function smtpOptions(endpoint: ServerEndpoint, credentials: Credentials, trust: TrustSettings) {
  return {
    host: endpoint.host,
    port: endpoint.port,
    secure: true,
    requireTLS: true,
    tls: tlsOptionsFor(endpoint, trust),
    auth: { user: credentials.user, pass: credentials.pass },
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: 2 * 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  };
}
