/**
 * A TLS handshake that sends no credential and no mail: it measures how a server's connection is
 * protected (posture), and when the certificate is refused it says what the certificate was, so a
 * person can judge it. The chain is checked exactly as for a real connection (same options from
 * tls-policy); the certificate is only read, at the moment the handshake completes, before Node's
 * own check decides.
 */
import { connect as connectTcp, type LookupFunction, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions, type DetailedPeerCertificate } from 'node:tls';
import type { ServerEndpoint } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { ConnectionPosture, MailProtocol } from '../../../shared/transport-types';
import { endsInOwnRoot, presentedChain, problemOf, summarise, toPem } from './certificate-summary';
import { negotiateStartTls } from './starttls-dialog';
import { securityOf, tlsOptionsFor, type PinnedTrust, type TrustSettings } from './tls-policy';
import { PIN_MISMATCH } from './transport-codes';
import { toTransportError } from './transport-errors';

export interface InspectOptions {
  /** Name resolution; tests point it at 127.0.0.1. */
  lookup?: LookupFunction;
  timeoutMs?: number;
  now?: () => Date;
}

export interface Inspection {
  posture: ConnectionPosture;
  /** Set when the server is trusted through the user's pin rather than an authority. */
  pin?: PinnedTrust;
}

interface Snapshot {
  peer: DetailedPeerCertificate;
  version: string;
  cipher: string;
}

type Handshake = { ok: true; snapshot: Snapshot } | { ok: false; error: unknown; snapshot: Snapshot | null };

const DEFAULT_TIMEOUT_MS = 15_000;

const label = (protocol: MailProtocol) => (protocol === 'imap' ? 'IMAP' : 'SMTP');

/**
 * Connects, speaks STARTTLS first when the endpoint asks for it, and completes a TLS handshake.
 * Resolves with the posture, or throws a SealmailError; certificate refusals carry the certificate.
 */
export async function inspectServer(
  protocol: MailProtocol,
  endpoint: ServerEndpoint,
  trust: TrustSettings,
  options: InspectOptions = {},
): Promise<Inspection> {
  const first = await handshake(protocol, endpoint, tlsOptionsFor(endpoint, trust), options);
  if (first.ok) return { posture: postureOf(protocol, endpoint, first.snapshot, 'ca') };
  if (!first.snapshot) throw toTransportError(first.error, label(protocol), endpoint);

  const chain = presentedChain(first.snapshot.peer);
  const leaf = chain[0];
  if (!leaf) throw toTransportError(first.error, label(protocol), endpoint);
  const problem = problemOf(leaf, endpoint.host, (options.now ?? (() => new Date()))());
  const pinnable = problem === null && endsInOwnRoot(chain);
  const certificate = summarise(leaf, endpoint, pinnable);
  const pinned = endpoint.pinnedFingerprint256?.toUpperCase();

  if (pinned && certificate.fingerprint256 !== pinned) {
    throw new SealmailError(
      'CERT_CHANGED',
      `The certificate of ${endpoint.host} changed since you trusted it. Sealmail sent nothing. If you did not expect this, someone may be intercepting the connection.`,
      { certificate, cause: first.error },
    );
  }
  if (problem === 'expired') {
    throw new SealmailError('CERT_UNTRUSTED', `The certificate of ${endpoint.host} expired on ${certificate.validTo.slice(0, 10)}; Sealmail sent nothing.`, { certificate });
  }
  if (problem === 'not-yet-valid') {
    throw new SealmailError('CERT_UNTRUSTED', `The certificate of ${endpoint.host} is not valid before ${certificate.validFrom.slice(0, 10)}; check this computer's clock.`, { certificate });
  }
  if (problem === 'wrong-host') {
    throw new SealmailError('CERT_UNTRUSTED', `The certificate presented at ${endpoint.host}:${endpoint.port} is for another host (${certificate.subject}); Sealmail sent nothing.`, { certificate });
  }
  if (pinned) {
    // The pinned certificate itself, which no authority vouches for: verify it against its own chain.
    const pin: PinnedTrust = { fingerprint256: pinned, anchors: toPem(chain) };
    const second = await handshake(protocol, endpoint, tlsOptionsFor(endpoint, trust, pin), options);
    if (second.ok) return { posture: postureOf(protocol, endpoint, second.snapshot, 'pinned'), pin };
    const refused = toTransportError(second.error, label(protocol), endpoint);
    throw new SealmailError(refused.code, refused.message, { certificate, cause: second.error });
  }
  throw new SealmailError(
    'CERT_UNTRUSTED',
    `The certificate of ${endpoint.host} is not signed by an authority Sealmail trusts; Sealmail sent nothing.${pinnable ? ' If you know this server uses its own certificate, compare its fingerprint with the one your provider gave you before trusting it.' : ''}`,
    { certificate, cause: first.error },
  );
}

/** The pinned chain of a pinned endpoint (undefined when an authority vouches for it anyway). */
export async function pinnedTrustFor(protocol: MailProtocol, endpoint: ServerEndpoint, trust: TrustSettings): Promise<PinnedTrust | undefined> {
  return (await inspectServer(protocol, endpoint, trust)).pin;
}

function postureOf(protocol: MailProtocol, endpoint: ServerEndpoint, snapshot: Snapshot, trust: 'ca' | 'pinned'): ConnectionPosture {
  const leaf = presentedChain(snapshot.peer)[0];
  if (!leaf) throw new SealmailError('PROTOCOL_ERROR', `${endpoint.host}:${endpoint.port} presented no certificate.`);
  return {
    protocol,
    host: endpoint.host,
    port: endpoint.port,
    security: securityOf(endpoint),
    tlsVersion: snapshot.version,
    cipher: snapshot.cipher,
    certificate: summarise(leaf, endpoint, false),
    trust,
  };
}

async function handshake(protocol: MailProtocol, endpoint: ServerEndpoint, tlsOptions: ConnectionOptions, options: InspectOptions): Promise<Handshake> {
  const where = `${endpoint.host}:${endpoint.port}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let socket: Socket | null = null;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`No answer from ${where}`), { code: 'ETIMEDOUT' })), timeoutMs);
  });
  try {
    return await Promise.race([
      timedOut,
      (async (): Promise<Handshake> => {
        socket = await openTcp(endpoint, options.lookup);
        if (securityOf(endpoint) === 'starttls') {
          try {
            await negotiateStartTls(socket, protocol, where);
          } catch (error) {
            return { ok: false, error, snapshot: null };
          }
        }
        return await tlsOver(socket, endpoint, tlsOptions);
      })(),
    ]);
  } catch (error) {
    return { ok: false, error, snapshot: null };
  } finally {
    clearTimeout(timer);
    (socket as Socket | null)?.destroy();
  }
}

function openTcp(endpoint: ServerEndpoint, lookup: LookupFunction | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: endpoint.host, port: endpoint.port, ...(lookup ? { lookup } : {}) });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
  });
}

function tlsOver(socket: Socket, endpoint: ServerEndpoint, tlsOptions: ConnectionOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    let snapshot: Snapshot | null = null;
    const secure = connectTls({ ...tlsOptions, socket, host: endpoint.host });
    // 'secure' fires when the handshake is done and before Node's verification decides; reading
    // the certificate here changes nothing about that decision.
    secure.prependListener('secure', () => {
      const cipher = secure.getCipher();
      snapshot = { peer: secure.getPeerCertificate(true), version: secure.getProtocol() ?? 'unknown', cipher: cipher.standardName || cipher.name };
    });
    secure.once('secureConnect', () => {
      secure.destroy();
      if (snapshot) resolve({ ok: true, snapshot });
      else resolve({ ok: false, error: new Error('TLS handshake gave no certificate'), snapshot: null });
    });
    secure.once('error', (error) => {
      secure.destroy();
      resolve({ ok: false, error, snapshot: (error as { code?: string }).code === PIN_MISMATCH || snapshot ? snapshot : null });
    });
  });
}
