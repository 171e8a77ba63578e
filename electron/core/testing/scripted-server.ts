/**
 * A scriptable mail server on 127.0.0.1 for tests of hostile or broken servers: it records every
 * byte it receives, so a test can prove that no credential ever reached it.
 */
import { createServer as createPlainServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';

export interface ScriptedServer {
  port: number;
  /** Everything every client sent, decoded as latin1 so no byte is lost. */
  received(): string;
  close(): Promise<void>;
}

export interface ScriptOptions {
  /** Sent as soon as a client connects, e.g. '* OK ready\r\n' or '220 ready\r\n'. */
  greeting?: string;
  /** Answers each received line; return null to stay silent. */
  reply?: (line: string) => string | null;
  /** When set, the server speaks implicit TLS with these options. */
  tls?: TlsOptions;
}

export async function startScriptedServer(options: ScriptOptions): Promise<ScriptedServer> {
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (options.greeting) socket.write(options.greeting);
    let pending = '';
    socket.on('data', (data: Buffer) => {
      chunks.push(Buffer.from(data));
      pending += data.toString('latin1');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline).replace(/\r$/, '');
        pending = pending.slice(newline + 1);
        const answer = options.reply?.(line);
        if (answer) socket.write(answer);
      }
    });
  };
  const server: Server = options.tls
    ? createTlsServer(options.tls, onConnection)
    : createPlainServer(onConnection);
  // A TLS client's bytes arrive before the handshake; record those too for plaintext servers.
  if (options.tls) server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => Buffer.concat(chunks).toString('latin1'),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
