/**
 * A scriptable mail server on 127.0.0.1 for tests of hostile or broken servers: it records every
 * byte it receives (in clear before TLS, decrypted after), so a test can prove that no credential
 * ever reached it. It can speak TLS from the first byte, or upgrade when its script says so
 * (STARTTLS), and it can misbehave on purpose (inject bytes before the handshake).
 */
import { createServer as createPlainServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { TLSSocket, createServer as createTlsServer, createSecureContext, type TlsOptions } from 'node:tls';

export interface ScriptedServer {
  port: number;
  /** Everything every client sent, decoded as latin1 so no byte is lost. */
  received(): string;
  /** How many TLS handshakes completed (0 proves nothing was ever said under TLS). */
  handshakes(): number;
  close(): Promise<void>;
}

/** An answer that also switches the connection to TLS right after it is written (STARTTLS). */
export interface StartTlsAnswer {
  text: string;
  startTls: true;
  /** Written in the same packet after the answer, before the handshake: an injection attack. */
  inject?: string;
}

export interface ScriptOptions {
  /** Sent as soon as a client connects, e.g. '* OK ready\r\n' or '220 ready\r\n'. */
  greeting?: string;
  /** Answers each received line; return null to stay silent. `secure` says whether TLS is on. */
  reply?: (line: string, secure: boolean) => string | StartTlsAnswer | null;
  /** When set, the server speaks implicit TLS with these options. */
  tls?: TlsOptions;
  /** Key and certificate (and versions) for a STARTTLS upgrade. */
  starttls?: TlsOptions;
}

export async function startScriptedServer(options: ScriptOptions): Promise<ScriptedServer> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  let handshakes = 0;

  const converse = (socket: Socket, secure: boolean) => {
    let pending = '';
    const onData = (data: Buffer) => {
      chunks.push(Buffer.from(data));
      pending += data.toString('latin1');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).replace(/\r$/, '');
        pending = pending.slice(newline + 1);
        const answer = options.reply?.(line, secure);
        if (!answer) continue;
        if (typeof answer === 'string') {
          socket.write(answer);
          continue;
        }
        socket.removeListener('data', onData);
        socket.write(answer.text + (answer.inject ?? ''));
        upgrade(socket);
        return;
      }
    };
    socket.on('data', onData);
  };

  const upgrade = (socket: Socket) => {
    const secure = new TLSSocket(socket, { isServer: true, secureContext: createSecureContext(options.starttls ?? {}) });
    sockets.add(secure);
    secure.on('error', () => undefined);
    secure.on('secure', () => {
      handshakes++;
      converse(secure, true);
    });
  };

  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (options.tls) handshakes++;
    if (options.greeting) socket.write(options.greeting);
    converse(socket, !!options.tls);
  };
  const server: Server = options.tls ? createTlsServer(options.tls, onConnection) : createPlainServer(onConnection);
  // A refused handshake is the expected outcome of many tests, not a failure of the server.
  if (options.tls) server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => Buffer.concat(chunks).toString('latin1'),
    handshakes: () => handshakes,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
