// Postfix's master dies without a word when one of its ports is taken (its log file is opened by a
// helper it never gets to start). The test servers must still see a taken port, and start again on
// fresh ports rather than failing the whole run.
import { afterEach, expect, it } from 'vitest';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { findFreePorts } from './free-port.js';
import { startPostfix } from './postfix.js';
import { ready, retryWhenPortTaken, StartupError } from './server-group.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { createTestCa, type TestCa } from './test-ca.js';
import { waitForTls } from './wait-for-tls.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function holdPort(): Promise<{ server: Server; port: number }> {
  // Whoever connects (a readiness probe) is hung up on, so closing never waits for them.
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { server, port: (server.address() as { port: number }).port };
}

async function scratch(): Promise<{ dir: string; ca: TestCa }> {
  const dir = await mkdtemp('/tmp/sealmail-pf-');
  await chmod(dir, 0o711);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { dir, ca: await createTestCa(join(dir, 'tls')) };
}

async function postfixOn(dir: string, ca: TestCa, smtpPort: number, submissionPort: number): Promise<ServerProcess> {
  const postfix = await startPostfix({
    dir: join(dir, `postfix-${smtpPort}`), smtpPort, submissionPort,
    certPath: ca.serverCertPath, keyPath: ca.serverKeyPath,
    saslSocket: join(dir, 'auth'), lmtpSocket: join(dir, 'lmtp'),
    domain: 'example.test', recipients: ['alice@example.test'],
  });
  cleanups.push(() => postfix.stop());
  await ready(postfix, [
    waitForTls(smtpPort, 'implicit', ca.caCertPem, postfix.exited),
    waitForTls(submissionPort, 'smtp-starttls', ca.caCertPem, postfix.exited),
  ], { ports: [smtpPort, submissionPort] });
  return postfix;
}

it('a Postfix that dies silently because its port is taken is reported as a taken port', async () => {
  const { dir, ca } = await scratch();
  const held = await holdPort();
  const [free] = await findFreePorts(1) as [number];
  const failure = await postfixOn(dir, ca, held.port, free).then(() => null, (err: unknown) => err);
  expect(failure).toBeInstanceOf(StartupError);
  expect(failure).toMatchObject({ portInUse: true, message: expect.stringContaining('postfix failed to start') });
}, 30_000);

it('the start is tried again on fresh ports and then serves TLS', async () => {
  const { dir, ca } = await scratch();
  const held = await holdPort();
  let attempts = 0;
  const postfix = await retryWhenPortTaken(async () => {
    attempts++;
    const [a, b] = await findFreePorts(2) as [number, number];
    return postfixOn(dir, ca, attempts === 1 ? held.port : a, b);
  });
  expect(attempts).toBe(2);
  expect(postfix.hasExited()).toBe(false);
}, 30_000);

it('a daemon that dies for another reason, its ports free, is not mistaken for a taken port', async () => {
  const { dir } = await scratch();
  const [port] = await findFreePorts(1) as [number];
  const daemon = startServerProcess('false', '/bin/false', [], join(dir, 'false.log'));
  cleanups.push(() => daemon.stop());
  const failure = await ready(daemon, waitForTls(port, 'implicit', '', daemon.exited), { ports: [port] })
    .then(() => null, (err: unknown) => err);
  expect(failure).toMatchObject({ portInUse: false, message: expect.stringContaining('false failed to start') });
});
