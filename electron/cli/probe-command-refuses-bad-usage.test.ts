/** `sealmail probe` usage errors exit 2 before anything connects; a refusal exits 1 with its reason. */
import { expect, it } from 'vitest';
import { findClosedPort } from '../core/testing/closed-port';
import { runCli } from './run-cli';

async function probe(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['probe', ...args], { env, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

it.each([
  [['pop3', '127.0.0.1:995'], /say imap or smtp/],
  [['imap'], /give one HOST:PORT/],
  [['imap', '127.0.0.1'], /127\.0\.0\.1: /],
  [['imap', '127.0.0.1:993', '--pin', 'not-a-fingerprint'], /fingerprint/],
  [['imap', '127.0.0.1:993', '--user', 'nobody'], /not an address/],
  [['imap', '127.0.0.1:993', '--ca', '/nonexistent/ca.pem'], /--ca: /],
  [['imap', '127.0.0.1:993', '--bogus'], /Unknown option/],
])('%j is a usage error', async (args, message) => {
  const result = await probe(args);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(/Usage: sealmail probe/);
});

it('asks for SEALMAIL_PASSWORD when --user is given without a terminal', async () => {
  const result = await probe(['imap', '127.0.0.1:993', '--user', 'alice@example.test']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/SEALMAIL_PASSWORD/);
});

it('exits 1 with the reason when nothing listens there', async () => {
  const port = await findClosedPort();
  const result = await probe(['smtp', `127.0.0.1:${port}`, '--json']);
  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, code: 'HOST_UNREACHABLE', tls: null, certificate: null });
});
