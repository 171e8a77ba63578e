/**
 * Opens an LDAP session that is TLS from before the first byte that matters: LDAPS, or StartTLS
 * (RFC 4511 §4.14) done and verified before any bind or search. ldapts reconnects by itself when
 * a connection drops; over ldap:// that new connection would be plain, so this session allows
 * exactly one connection and a second attempt fails instead of sending anything.
 */
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import { tlsOptionsFor, type TrustSettings } from '../transport/tls-policy';
import { DirectoryRefusal, type DirectoryStep } from './directory-errors';
import type { DirectoryEndpoint, DirectorySettings } from './directory-settings';

export interface DirectorySession {
  client: Client;
  /** The step in progress, for naming a failure. */
  step: () => DirectoryStep;
  /** Unbinds and closes; never throws, whatever state the connection is in. */
  close: () => Promise<void>;
}

function directoryTlsOptions(endpoint: DirectoryEndpoint, settings: DirectorySettings, trust: TrustSettings): ConnectionOptions {
  const options = tlsOptionsFor({ host: endpoint.host, port: endpoint.port, pinnedFingerprint256: settings.pinnedFingerprint256 }, trust);
  // tls.connect names the peer for checkServerIdentity by servername or host; over StartTLS ldapts
  // passes only these options with the socket, so the host must be in them (SNI is not sent for an IP).
  return { ...options, host: endpoint.host };
}

/**
 * Opens, secures and (with a bind DN) binds; throws a StepError naming the step that failed.
 * `onClose` receives the close function at once, so an overall deadline can end the session early.
 */
export async function openDirectorySession(
  endpoint: DirectoryEndpoint, settings: DirectorySettings, trust: TrustSettings, timeoutMs: number,
  onClose: (close: () => Promise<void>) => void = () => {},
): Promise<DirectorySession> {
  let step: DirectoryStep = 'connect';
  let connections = 0;
  // Until the socket is up (TLS done, for LDAPS), whatever fails is the connection's failure.
  let connected = false;
  const tls = directoryTlsOptions(endpoint, settings, trust);
  const reconnectRefused = (): never => {
    throw new DirectoryRefusal(`The connection to directory ${endpoint.host} dropped; Sealmail does not reconnect in the middle of a look-up.`);
  };
  const client = new Client({
    url: endpoint.url,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    // ldapts speaks implicit TLS whenever tlsOptions are set, so only LDAPS gets them; StartTLS
    // passes them to startTLS() (and createSecureConnection applies them in both cases).
    ...(endpoint.security === 'ldaps' ? { tlsOptions: tls } : {}),
    createConnection: ((port: number, host: string) => {
      if (++connections > 1) reconnectRefused();
      return netConnect({ port, host }).once('connect', () => { connected = true; });
    }) as typeof netConnect,
    createSecureConnection: ((first: number | ConnectionOptions, host?: string, options?: ConnectionOptions) => {
      // (options) is the StartTLS upgrade of the one connection; (port, host, options) a new connection.
      if (typeof first === 'object') return tlsConnect({ ...first, ...tls, socket: first.socket });
      if (++connections > 1) reconnectRefused();
      return tlsConnect({ ...options, ...tls, port: first, host }).once('secureConnect', () => { connected = true; });
    }) as typeof tlsConnect,
  });
  const close = async (): Promise<void> => {
    try {
      await client.unbind();
    } catch {
      // Closing a connection that already failed; nothing more to do.
    }
  };
  onClose(close);
  try {
    if (endpoint.security === 'starttls') {
      step = 'starttls';
      await client.startTLS({ ...tls });
    }
    if (settings.bindDn) {
      step = 'bind';
      await client.bind(settings.bindDn, settings.bindPassword ?? '');
    }
    step = 'search';
    return { client, step: () => step, close };
  } catch (error) {
    await close();
    throw new StepError(connected ? step : 'connect', error);
  }
}

/** A failure and the step it happened at. */
export class StepError extends Error {
  constructor(readonly step: DirectoryStep, readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}
