/**
 * `sealmail probe` against Debian's Dovecot and Postfix: the posture of implicit TLS and STARTTLS
 * ports, a login with the password from the environment, and the refusals (an untrusted CA, the
 * wrong mode for the port, a wrong password) with their codes and exit statuses.
 */
import { inject, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const servers = inject('mailServers');
const { alice } = servers.users;

async function probe(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['probe', ...args], { env, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr, json: args.includes('--json') ? (JSON.parse(stdout) as Record<string, unknown>) : null };
}

const at = (port: number) => `${servers.host}:${port}`;
const ca = ['--ca', servers.caCertPath];

describe('sealmail probe against the real servers', () => {
  it.each([
    { protocol: 'imap', port: () => servers.imapPort, flags: [], mode: 'implicit' },
    { protocol: 'imap', port: () => servers.imapStarttlsPort, flags: ['--starttls'], mode: 'starttls' },
    { protocol: 'smtp', port: () => servers.smtpPort, flags: [], mode: 'implicit' },
    { protocol: 'smtp', port: () => servers.submissionPort, flags: ['--starttls'], mode: 'starttls' },
  ])('reports the posture of $protocol ($mode) and logs in', async ({ protocol, port, flags, mode }) => {
    const result = await probe([protocol, at(port()), ...ca, ...flags, '--user', alice.address, '--json'], { SEALMAIL_PASSWORD: alice.password });

    expect(result.code, result.stderr).toBe(0);
    expect(result.json).toMatchObject({
      ok: true,
      code: null,
      tls: { version: expect.stringMatching(/^TLSv1\.[23]$/), cipher: expect.stringMatching(/^TLS_/), mode },
      certificate: { subject: 'CN=mail.example.test', issuer: 'O=Sealmail tests, CN=Sealmail Test CA', fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) },
      trust: 'ca',
      login: { user: alice.address, ok: true },
    });
  });

  it('says in words what protects the connection', async () => {
    const result = await probe(['smtp', at(servers.submissionPort), ...ca, '--starttls']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/STARTTLS \(required\)/);
    expect(result.stdout).toMatch(/Issuer +O=Sealmail tests, CN=Sealmail Test CA/);
  });

  it('refuses a certificate from an authority it was not told to trust, with the certificate', async () => {
    const result = await probe(['imap', at(servers.imapPort), '--json']);
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ ok: false, code: 'CERT_UNTRUSTED', tls: null, certificate: { subject: 'CN=mail.example.test', pinnable: false } });
  });

  it('refuses implicit TLS on a port that waits for STARTTLS', async () => {
    const result = await probe(['imap', at(servers.imapStarttlsPort), ...ca, '--json']);
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ ok: false, code: 'TLS_REQUIRED' });
  });

  it('reports a refused login as AUTH_FAILED, with the posture it reached', async () => {
    const result = await probe(['smtp', at(servers.smtpPort), ...ca, '--user', alice.address, '--json'], { SEALMAIL_PASSWORD: 'not the password' });
    expect(result.code).toBe(1);
    expect(result.json).toMatchObject({ ok: false, code: 'AUTH_FAILED', trust: 'ca', login: { ok: false } });
  });
});
