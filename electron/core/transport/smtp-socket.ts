/**
 * The socket nodemailer talks SMTP over (its `getSocket` hook). Sealmail opens it itself for two
 * reasons: to refuse a server that sends anything after its STARTTLS answer and before the TLS
 * handshake (RFC 3207 §4.2 says such bytes are an attack; nodemailer would only discard them), and
 * to verify a pinned certificate against the chain the server presented it with.
 */
import { connect, type Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ServerEndpoint } from '../../../shared/domain';
import { pinnedTrustFor } from './tls-inspect';
import { securityOf, tlsOptionsFor, type TrustSettings } from './tls-policy';
import { STARTTLS_INJECTION } from './transport-codes';

const CONNECT_TIMEOUT_MS = 15_000;

type SocketCallback = (error: Error | null, socketOptions?: { connection: Socket; tls?: ConnectionOptions }) => void;

export function guardedSmtpSocket(endpoint: ServerEndpoint, trust: TrustSettings) {
  return (_options: unknown, callback: SocketCallback): void => {
    void (async () => {
      const pin = endpoint.pinnedFingerprint256 ? await pinnedTrustFor('smtp', endpoint, trust) : undefined;
      const socket = await connectTcp(endpoint);
      if (securityOf(endpoint) === 'starttls') refuseInjectionAfterStartTls(socket);
      return pin ? { connection: socket, tls: tlsOptionsFor(endpoint, trust, pin) } : { connection: socket };
    })().then(
      (socketOptions) => callback(null, socketOptions),
      (error: Error) => callback(error),
    );
  };
}

function connectTcp(endpoint: ServerEndpoint): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(Object.assign(new Error('Connection timed out'), { code: 'ETIMEDOUT' })));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', reject);
      resolve(socket);
    });
  });
}

/**
 * Watches the plaintext phase: once the client has sent STARTTLS and the server's final reply line
 * has arrived, any further byte before the handshake is injected, and the connection is cut before
 * TLS starts, so nothing (least of all a password) follows.
 */
function refuseInjectionAfterStartTls(socket: Socket): void {
  let startTlsSent = false;
  let pending = '';
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (!startTlsSent && /^STARTTLS\r?\n$/i.test(Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk))) startTlsSent = true;
    return write(chunk, ...rest);
  }) as Socket['write'];

  const watch = (data: Buffer) => {
    if (!startTlsSent) return;
    pending += data.toString('latin1');
    const finalLine = /^\d{3}(?: [^\n]*)?\n/m.exec(pending);
    if (!finalLine) return;
    socket.removeListener('data', watch);
    const rest = pending.slice(finalLine.index + finalLine[0].length);
    if (rest.length > 0 && finalLine[0].startsWith('2')) {
      socket.destroy(Object.assign(new Error('The server sent data after its STARTTLS answer, before the TLS handshake'), { code: STARTTLS_INJECTION }));
    }
  };
  // First in line, so the cut happens before nodemailer acts on the same chunk.
  socket.prependListener('data', watch);
}
