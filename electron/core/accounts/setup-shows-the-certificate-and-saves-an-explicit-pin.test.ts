/**
 * Account setup against servers with a self-signed certificate: the refusal carries the certificate
 * for the pin dialog, nothing is saved, and only settings that name the exact fingerprint (the
 * user's explicit choice) are accepted and kept with the account.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dispatchCall } from '../../../shared/dispatch';
import { createCore, type Core } from '../create-core';
import { MemorySecretStore } from '../ports';
import { implicitScript } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeSelfSignedCertificate } from '../testing/self-signed';

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

it('refuses with the certificate, then saves the account with the pin the user confirmed', async () => {
  const tls = makeSelfSignedCertificate();
  const fingerprint256 = new X509Certificate(tls.cert).fingerprint256;
  const imap = await startScriptedServer(implicitScript('imap', tls));
  const smtp = await startScriptedServer(implicitScript('smtp', tls));
  servers.push(imap, smtp);
  const settings = {
    address: 'alice@example.test',
    password: 'correct horse battery staple',
    imap: { host: '127.0.0.1', port: imap.port },
    smtp: { host: '127.0.0.1', port: smtp.port },
  };

  const refused = await dispatchCall(core.handlers, 'addAccount', settings);
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'CERT_UNTRUSTED', certificate: { fingerprint256, pinnable: true, server: { port: imap.port } } },
  });
  expect(await dispatchCall(core.handlers, 'listAccounts', {})).toEqual({ ok: true, value: [] });

  const pinned = {
    ...settings,
    imap: { ...settings.imap, pinnedFingerprint256: fingerprint256.toLowerCase() },
    smtp: { ...settings.smtp, pinnedFingerprint256: fingerprint256 },
  };
  const added = await dispatchCall(core.handlers, 'addAccount', pinned);
  expect(added).toMatchObject({ ok: true, value: { imap: { pinnedFingerprint256: fingerprint256, security: 'tls' } } });

  const saved = JSON.parse(await readFile(join(profileDir, 'accounts.json'), 'utf8')) as { accounts: { smtp: unknown }[] };
  expect(saved.accounts[0]?.smtp).toEqual({ host: '127.0.0.1', port: smtp.port, security: 'tls', pinnedFingerprint256: fingerprint256 });
});

it('still reads accounts saved before STARTTLS and pins existed, as implicit TLS', async () => {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(profileDir, 'accounts.json'), JSON.stringify({
    version: 1,
    accounts: [{ id: 'old', address: 'a@example.test', displayName: '', imap: { host: 'imap.example.test', port: 993 }, smtp: { host: 'smtp.example.test', port: 465 } }],
  }));
  const fresh = createCore({ profileDir, secrets: new MemorySecretStore() });
  const listed = await dispatchCall(fresh.handlers, 'listAccounts', {});
  await fresh.close();
  expect(listed).toMatchObject({ ok: true, value: [{ id: 'old', imap: { security: 'tls' }, smtp: { security: 'tls' } }] });
});
