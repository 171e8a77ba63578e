import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './testing/make-certificates';
import { fakeKeyWrapper, makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from './testing/keystore-fixture';

let pki: TestPki;
let p12: Uint8Array;
let keyPem: string;
beforeAll(() => {
  pki = makeTestPki();
  const alice = pki.person({ name: 'alice', email: 'alice@example.test', subject: '/CN=Alice Example' });
  keyPem = readFileSync(alice.keyPath, 'utf8');
  p12 = pki.p12('alice', alice, { password: 'p12 password', chain: true });
}, 60_000);
afterAll(() => pki.cleanup());

let fixture: KeystoreFixture;
beforeEach(() => {
  fixture = makeKeystoreFixture();
});
afterEach(() => fixture.cleanup());

describe('keystore at rest', () => {
  it('keeps identities only as ciphertext under a scrypt-wrapped key, and gives them back after unlocking', async () => {
    const keystore = fixture.open();
    expect(await keystore.status()).toEqual({ state: 'missing', protection: 'passphrase' });
    await keystore.create(PASSPHRASE);
    const outcome = await keystore.importIdentity('alice.p12', p12, 'p12 password');
    expect(outcome.kind).toBe('identities');

    const raw = readFileSync(fixture.path, 'utf8');
    const file = JSON.parse(raw) as { keys: { kind: string; kdf: string; N: number }[] };
    expect(file.keys).toEqual([expect.objectContaining({ kind: 'passphrase', kdf: 'scrypt' })]);
    expect(file.keys[0]!.N).toBeGreaterThanOrEqual(2 ** 15);
    const keyBody = keyPem.split('\n').slice(1, 3).join('');
    expect(raw).not.toContain(keyBody.slice(0, 40));
    expect(raw).not.toContain('alice@example.test');

    const reopened = fixture.open();
    expect(await reopened.status()).toEqual({ state: 'locked', protection: 'passphrase' });
    await expect(reopened.identities()).rejects.toMatchObject({ code: 'KEYSTORE_LOCKED' });
    await reopened.unlock(PASSPHRASE);
    const [identity] = await reopened.identities();
    expect(identity!.certificate.emails).toEqual(['alice@example.test']);
    expect(identity!.chain).toHaveLength(1);
    const key = await reopened.privateKeyFor(identity!.certificate.fingerprint256);
    const [leaf] = await reopened.certificateChain(identity!.certificate.fingerprint256);
    expect(leaf!.checkPrivateKey(key)).toBe(true);
  });

  it('refuses a wrong passphrase clearly and changes nothing', async () => {
    await fixture.open().create(PASSPHRASE);
    const before = readFileSync(fixture.path);
    const keystore = fixture.open();
    await expect(keystore.unlock('not the passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: 'That passphrase does not open your keystore.' });
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
    expect((await keystore.status()).state).toBe('locked');
  });

  it('refuses a passphrase too short to protect anything', async () => {
    await expect(fixture.open().create('short')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('opens with the OS keychain without asking, and falls back to locked when the keychain was reset', async () => {
    const wrapper = await fakeKeyWrapper();
    const keystore = fixture.open({ keyWrapper: wrapper });
    expect(await keystore.status()).toEqual({ state: 'unlocked', protection: 'os-keychain' });
    await keystore.importIdentity('alice.p12', p12, 'p12 password');
    expect(await fixture.open({ keyWrapper: wrapper }).identities()).toHaveLength(1);

    wrapper.broken = true;
    expect((await fixture.open({ keyWrapper: wrapper }).status()).state).toBe('locked');
    // Without any keychain (the CLI), the user is told where it can be opened.
    await expect(fixture.open().unlock(PASSPHRASE)).rejects.toThrow(/operating system's keychain/);
  });

  it('loses nothing when a write fails half-way: disk and memory keep the old state', async () => {
    const keystore = fixture.open({
      writeFile: async (path, data) => {
        if (failing) throw new Error('disk full');
        const { writeFileAtomic } = await import('../storage/atomic-write');
        await writeFileAtomic(path, data);
      },
    });
    let failing = false;
    await keystore.create(PASSPHRASE);
    const before = readFileSync(fixture.path);
    failing = true;
    await expect(keystore.importIdentity('alice.p12', p12, 'p12 password')).rejects.toThrow('disk full');
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
    expect(await keystore.identities()).toEqual([]);
  });

  it('refuses a damaged keystore file instead of starting afresh over it', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(fixture.path, '{"format":"sealmail-keystore"');
    await expect(fixture.open().status()).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(fixture.open().create(PASSPHRASE)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(readFileSync(fixture.path, 'utf8')).toBe('{"format":"sealmail-keystore"');
  });
});
