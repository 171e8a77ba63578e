/**
 * Account setup against servers that must be refused: each failure gives its own clear message,
 * nothing is saved, and the password never reaches a server that is not proven to speak TLS.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../shared/dispatch';
import { createCore, type Core } from '../create-core';
import { MemorySecretStore } from '../ports';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeSelfSignedCertificate } from '../testing/self-signed';
import { findClosedPort } from '../testing/closed-port';

const PASSWORD = 'correct horse battery staple';

let profileDir: string;
let core: Core;
const servers: ScriptedServer[] = [];

beforeEach(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-test-'));
  core = createCore({ profileDir, secrets: new MemorySecretStore() });
});

afterEach(async () => {
  await core.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(profileDir, { recursive: true, force: true });
});

const settings = (imapPort: number, smtpPort: number) => ({
  address: 'alice@example.test',
  password: PASSWORD,
  imap: { host: '127.0.0.1', port: imapPort },
  smtp: { host: '127.0.0.1', port: smtpPort },
});

async function expectNothingSaved() {
  const listed = await dispatchCall(core.handlers, 'listAccounts', {});
  expect(listed).toEqual({ ok: true, value: [] });
  // The profile may hold the (empty) local mail store, but no account and nothing of its settings.
  const files = await readdir(profileDir);
  expect(files).not.toContain('accounts.json');
  for (const file of files) {
    const bytes = await readFile(join(profileDir, file), 'latin1');
    expect(bytes).not.toContain('alice@example.test');
    expect(bytes).not.toContain(PASSWORD);
  }
}

describe('account setup', () => {
  it('refuses a port that speaks plaintext, and the password never reaches it', async () => {
    const imap = await startScriptedServer({
      greeting: '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plaintext server ready\r\n',
      reply: (line) => `${line.split(' ')[0]} OK done\r\n`,
    });
    const smtp = await startScriptedServer({ greeting: '220 plaintext ESMTP\r\n', reply: () => '250 OK\r\n' });
    servers.push(imap, smtp);

    const result = await dispatchCall(core.handlers, 'addAccount', settings(imap.port, smtp.port));

    expect(result).toMatchObject({ ok: false, error: { code: 'TLS_REQUIRED' } });
    if (!result.ok) expect(result.error.message).toContain(`127.0.0.1:${imap.port}`);
    for (const server of [imap, smtp]) {
      expect(server.received()).not.toContain(PASSWORD);
      expect(server.received()).not.toContain(Buffer.from(`\0alice@example.test\0${PASSWORD}`).toString('base64'));
      expect(server.received()).not.toMatch(/LOGIN|AUTH/i);
    }
    await expectNothingSaved();
  });

  it('refuses a server whose certificate nobody vouches for', async () => {
    const tls = makeSelfSignedCertificate();
    const imap = await startScriptedServer({ tls, greeting: '* OK ready\r\n', reply: (line) => `${line.split(' ')[0]} OK\r\n` });
    const smtp = await startScriptedServer({ tls, greeting: '220 ready\r\n', reply: () => '250 OK\r\n' });
    servers.push(imap, smtp);

    const result = await dispatchCall(core.handlers, 'addAccount', settings(imap.port, smtp.port));

    expect(result).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED' } });
    expect(imap.received()).toBe('');
    expect(smtp.received()).toBe('');
    await expectNothingSaved();
  });

  it('says when nothing listens at the address given', async () => {
    const port = await findClosedPort();
    const result = await dispatchCall(core.handlers, 'addAccount', settings(port, port));

    expect(result).toMatchObject({ ok: false, error: { code: 'HOST_UNREACHABLE' } });
    if (!result.ok) expect(result.error.message).toMatch(/Could not reach the IMAP server 127\.0\.0\.1:\d+/);
    await expectNothingSaved();
  });

  it('rejects malformed settings before connecting anywhere', async () => {
    const result = await dispatchCall(core.handlers, 'addAccount', { ...settings(993, 465), address: 'not an address' });

    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toMatch(/^address: /);
    await expectNothingSaved();
  });
});
