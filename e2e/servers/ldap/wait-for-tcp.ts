// Waits until a loopback port accepts a TCP connection, or the daemon that should listen exits.
import { connect } from 'node:net';

function tryConnect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(); });
    socket.once('error', (err) => { socket.destroy(); reject(err); });
  });
}

export async function waitForTcp(host: string, port: number, abort: Promise<string>, timeoutMs = 15000): Promise<void> {
  let aborted: string | undefined;
  void abort.then((reason) => { aborted = reason; });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (aborted) throw new Error(aborted);
    try {
      await tryConnect(host, port);
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${host}:${port} accepted no connection within ${timeoutMs} ms (${lastError})`);
}
