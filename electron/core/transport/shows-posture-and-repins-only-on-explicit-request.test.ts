/**
 * The posture of an account's connections through the contract: how each is protected when all is
 * well, why in words when not (a pinned certificate that changed), and a new pin taken only for the
 * exact fingerprint the user compared, never for another.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { dispatchCall } from '../../../shared/dispatch';
import { createCore, type Core } from '../create-core';
import { MemorySecretStore } from '../ports';
import { implicitScript, smtpScript } from '../testing/hostile-scripts';
import { startScriptedServer, type ScriptedServer } from '../testing/scripted-server';
import { makeSelfSignedCertificate } from '../testing/self-signed';
import { makeTestAuthority } from '../testing/test-certificates';

const authority = makeTestAuthority();
let profileDir = '';
let core: Core | null = null;
const servers: ScriptedServer[] = [];

afterEach(async () => {
  await core?.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

async function coreWith(imap: object, smtp: object): Promise<Core> {
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-posture-'));
  await writeFile(join(profileDir, 'accounts.json'), JSON.stringify({
    version: 1,
    accounts: [{ id: 'acc', address: 'alice@example.test', displayName: '', imap, smtp }],
  }));
  core = createCore({ profileDir, secrets: new MemorySecretStore(), extraTrustAnchors: [authority.caPem] });
  return core;
}

it('shows implicit TLS and STARTTLS with version, cipher, certificate and trust', async () => {
  const tls = authority.issue();
  const imap = await startScriptedServer(implicitScript('imap', tls));
  const smtp = await startScriptedServer(smtpScript('ok', tls));
  servers.push(imap, smtp);
  const { handlers } = await coreWith({ host: '127.0.0.1', port: imap.port }, { host: '127.0.0.1', port: smtp.port, security: 'starttls' });

  const result = await dispatchCall(handlers, 'accountPosture', { accountId: 'acc' });
  expect(result).toMatchObject({
    ok: true,
    value: {
      accountId: 'acc',
      imap: { ok: true, posture: { security: 'tls', tlsVersion: 'TLSv1.3', cipher: expect.stringMatching(/^TLS_/), trust: 'ca', certificate: { subject: 'CN=127.0.0.1', issuer: 'O=Sealmail tests, CN=Sealmail Hostile Test CA' } } },
      smtp: { ok: true, posture: { security: 'starttls', trust: 'ca' } },
    },
  });
  expect(imap.received() + smtp.received()).not.toMatch(/LOGIN|AUTH/);
});

it('says a pinned certificate changed, and re-pins only the fingerprint the server really presents', async () => {
  const now = makeSelfSignedCertificate();
  const presented = new X509Certificate(now.cert).fingerprint256;
  const imap = await startScriptedServer(implicitScript('imap', now));
  const smtp = await startScriptedServer(implicitScript('smtp', now));
  servers.push(imap, smtp);
  const oldPin = 'AB:'.repeat(31) + 'AB';
  const { handlers } = await coreWith(
    { host: '127.0.0.1', port: imap.port, pinnedFingerprint256: oldPin },
    { host: '127.0.0.1', port: smtp.port, pinnedFingerprint256: presented },
  );

  const before = await dispatchCall(handlers, 'accountPosture', { accountId: 'acc' });
  expect(before).toMatchObject({
    ok: true,
    value: {
      imap: { ok: false, error: { code: 'CERT_CHANGED', message: expect.stringMatching(/^The certificate of 127\.0\.0\.1 changed since you trusted it/), certificate: { fingerprint256: presented } } },
      smtp: { ok: true, posture: { trust: 'pinned' } },
    },
  });

  const wrong = await dispatchCall(handlers, 'pinCertificate', { accountId: 'acc', protocol: 'imap', fingerprint256: 'CD:'.repeat(31) + 'CD' });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'CERT_CHANGED' } });

  const pinned = await dispatchCall(handlers, 'pinCertificate', { accountId: 'acc', protocol: 'imap', fingerprint256: presented });
  expect(pinned).toMatchObject({ ok: true, value: { imap: { pinnedFingerprint256: presented } } });
  const after = await dispatchCall(handlers, 'accountPosture', { accountId: 'acc' });
  expect(after).toMatchObject({ ok: true, value: { imap: { ok: true, posture: { trust: 'pinned' } } } });
});
