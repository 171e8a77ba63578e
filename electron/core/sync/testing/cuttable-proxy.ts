/**
 * A TCP relay on 127.0.0.1 in front of the test Dovecot that a test can cut: after N bytes from the
 * server, at once, or for good (the server "disappears"). TLS passes through untouched, so the
 * app still verifies the real server's certificate.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CuttableProxy {
  port: number;
  /** Drops every open connection once the server has sent `bytes` more bytes on it. */
  cutAfter(bytes: number): void;
  /** Drops every open connection now. */
  cutNow(): void;
  /** While offline, new connections are dropped at once. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

export async function startCuttableProxy(targetPort: number, host = '127.0.0.1'): Promise<CuttableProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; sent: number }>();
  let budget: number | null = null;
  let offline = false;

  const server: Server = createServer((client) => {
    if (offline) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, host);
    const pair = { client, upstream, sent: 0 };
    pairs.add(pair);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    upstream.on('data', (chunk: Buffer) => {
      if (budget !== null && pair.sent + chunk.length > budget) {
        client.write(chunk.subarray(0, Math.max(0, budget - pair.sent)));
        budget = null;
        drop();
        return;
      }
      pair.sent += chunk.length;
      client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not bind');

  const cutNow = () => {
    for (const pair of pairs) {
      pair.client.destroy();
      pair.upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port: address.port,
    cutAfter(bytes) {
      budget = bytes;
      for (const pair of pairs) pair.sent = 0;
    },
    cutNow,
    setOffline(value) {
      offline = value;
      if (value) cutNow();
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutNow();
        server.close(() => resolve());
      }),
  };
}
