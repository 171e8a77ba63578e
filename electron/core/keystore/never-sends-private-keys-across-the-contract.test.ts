import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../create-core';
import { MemorySecretStore } from '../ports';
import { inProcessApi } from '../testing/in-process-api';
import { makeTestPki, type TestPki } from './testing/make-certificates';

let pki: TestPki;
let core: Core;
let p12: string;
let keyDer: string;

beforeAll(async () => {
  pki = makeTestPki();
  const alice = pki.person({ name: 'alice', email: 'alice@example.test', subject: '/CN=Alice Example' });
  const { createPrivateKey } = await import('node:crypto');
  keyDer = createPrivateKey(readFileSync(alice.keyPath)).export({ format: 'der', type: 'pkcs8' }).toString('base64');
  p12 = Buffer.from(pki.p12('alice', alice, { password: 'pw', chain: true })).toString('base64');
  core = createCore({ profileDir: pki.dir, secrets: new MemorySecretStore() });
}, 60_000);
afterAll(async () => {
  await core.close();
  pki.cleanup();
});

describe('keystore calls over the contract', () => {
  it('answers with certificate summaries only: no private key in any result', async () => {
    const api = inProcessApi(core);
    expect(await api.keystoreStatus({})).toEqual({ ok: true, value: { state: 'missing', protection: 'passphrase' } });
    expect(await api.listKeystore({})).toMatchObject({ ok: false, error: { code: 'KEYSTORE_LOCKED' } });
    expect((await api.createKeystore({ passphrase: 'a long passphrase' })).ok).toBe(true);

    const imported = await api.importIdentity({ fileName: 'alice.p12', data: p12, password: 'pw' });
    const listed = await api.listKeystore({});
    const results = [imported, listed, await api.inspectCertificates({ fileName: 'alice.p12', data: p12, password: 'pw' })];
    for (const result of results) {
      expect(result.ok).toBe(true);
      const text = JSON.stringify(result);
      expect(text).not.toContain(keyDer.slice(20, 80));
      expect(text).not.toMatch(/privateKey|PRIVATE KEY|pw"/);
    }
    expect(listed.ok && listed.value.identities[0]!.certificate.validation).toBe('identity-verified');

    const fp = listed.ok ? listed.value.identities[0]!.certificate.fingerprint256 : '';
    const exported = await api.exportCertificate({ fingerprint256: fp });
    expect(exported.ok && exported.value.pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(exported.ok && exported.value.pem).not.toContain('PRIVATE');
  });

  it('refuses a file over 1 MB and malformed input before the core sees it', async () => {
    const api = inProcessApi(core);
    const big = Buffer.alloc(1_100_000).toString('base64');
    expect(await api.importIdentity({ fileName: 'big.p12', data: big, password: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.importIdentity({ fileName: 'x.p12', data: 'not base64!', password: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.removeIdentity({ fingerprint256: 'zz' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
