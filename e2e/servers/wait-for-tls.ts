// Waits until a mail port completes a verified TLS handshake (trusting only the test CA), speaking
// just enough IMAP or SMTP to issue STARTTLS first. "Port is open" is not enough: a daemon can
// accept connections before its TLS setup works.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export type TlsProbe = 'implicit' | 'imap-starttls' | 'smtp-starttls';

const HOST = '127.0.0.1';

/** Reads CRLF-terminated lines from a plain socket until one matches. */
function lineReader(socket: Socket): (match: (line: string) => boolean) => Promise<string> {
  let buffer = '';
  let waiter: { match: (line: string) => boolean; resolve: (l: string) => void; reject: (e: Error) => void } | undefined;
  let failure: Error | undefined;
  const pump = (): void => {
    if (!waiter) return;
    if (failure) {
      waiter.reject(failure);
      waiter = undefined;
      return;
    }
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (waiter.match(line)) {
        waiter.resolve(line);
        waiter = undefined;
        return;
      }
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    pump();
  });
  socket.on('error', (err) => { failure = err; pump(); });
  socket.on('close', () => { failure ??= new Error('connection closed'); pump(); });
  return (match) => new Promise((resolve, reject) => { waiter = { match, resolve, reject }; pump(); });
}

async function starttls(socket: Socket, kind: Exclude<TlsProbe, 'implicit'>): Promise<void> {
  const next = lineReader(socket);
  const expect = async (match: (l: string) => boolean, ok: (l: string) => boolean, step: string): Promise<void> => {
    const line = await next(match);
    if (!ok(line)) throw new Error(`${step}: unexpected reply ${JSON.stringify(line)}`);
  };
  if (kind === 'imap-starttls') {
    await expect((l) => l.startsWith('* '), (l) => l.startsWith('* OK'), 'IMAP greeting');
    socket.write('p1 STARTTLS\r\n');
    await expect((l) => l.startsWith('p1 '), (l) => l.startsWith('p1 OK'), 'IMAP STARTTLS');
  } else {
    const final = (l: string): boolean => /^\d{3} /.test(l);
    await expect(final, (l) => l.startsWith('220 '), 'SMTP greeting');
    socket.write('EHLO probe.example.test\r\n');
    await expect(final, (l) => l.startsWith('250 '), 'SMTP EHLO');
    socket.write('STARTTLS\r\n');
    await expect(final, (l) => l.startsWith('220 '), 'SMTP STARTTLS');
  }
  socket.removeAllListeners('data');
}

/** One attempt; resolves after a verified handshake, rejects otherwise. */
export async function probeTls(port: number, kind: TlsProbe, caPem: string, timeoutMs = 3000): Promise<void> {
  let plain: Socket | undefined;
  const timer = setTimeout(() => plain?.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  try {
    if (kind !== 'implicit') {
      plain = netConnect({ host: HOST, port });
      await new Promise<void>((resolve, reject) => {
        plain?.once('connect', resolve).once('error', reject);
      });
      await starttls(plain, kind);
    }
    const secure = tlsConnect({ host: HOST, port, socket: plain, ca: [caPem], minVersion: 'TLSv1.2' });
    plain ??= secure;
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve).once('error', reject);
    });
    // end(), not destroy(): let our last handshake bytes reach the server so it logs no TLS error.
    await new Promise<void>((resolve) => {
      const done = setTimeout(resolve, 250);
      secure.once('close', () => { clearTimeout(done); resolve(); });
      secure.resume(); // drain the greeting so the server's FIN is seen
      secure.end();
    });
  } finally {
    clearTimeout(timer);
    plain?.destroy();
  }
}

/**
 * Retries probeTls until it succeeds, the deadline passes, or `abort` settles (the daemon died).
 * The last probe error is included so a failure explains itself.
 */
export async function waitForTls(
  port: number, kind: TlsProbe, caPem: string, abort: Promise<string>, timeoutMs = 15000,
): Promise<void> {
  let aborted: string | undefined;
  void abort.then((reason) => { aborted = reason; });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (aborted !== undefined) throw new Error(`${aborted} before port ${port} was ready`);
    try {
      await probeTls(port, kind, caPem);
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} (${kind}) did not complete a TLS handshake within ${timeoutMs} ms: ${lastError}`);
}
