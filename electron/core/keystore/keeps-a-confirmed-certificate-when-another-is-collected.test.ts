import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './testing/make-certificates';
import { fixedClock, makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from './testing/keystore-fixture';

let pki: TestPki;
let first: X509Certificate;
let second: X509Certificate;
let third: X509Certificate;
beforeAll(async () => {
  pki = makeTestPki();
  first = new X509Certificate(pki.person({ name: 'bob1', email: 'Bob@Example.test', days: 20 }).certPem);
  // Certificates made a second apart differ in notBefore, which orders "newest".
  await new Promise((resolve) => setTimeout(resolve, 1100));
  second = new X509Certificate(pki.person({ name: 'bob2', email: 'bob@example.test', days: 40 }).certPem);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  third = new X509Certificate(pki.person({ name: 'bob3', email: 'bob@example.test', days: 40 }).certPem);
}, 60_000);
afterAll(() => pki.cleanup());

let fixture: KeystoreFixture;
beforeEach(async () => {
  fixture = makeKeystoreFixture();
  await fixture.open().create(PASSPHRASE);
});
afterEach(() => fixture.cleanup());

async function keystore() {
  const opened = fixture.open({ clock: fixedClock(new Date(Date.now() + 60_000).toISOString()) });
  await opened.unlock(PASSPHRASE);
  return opened;
}

describe('people', () => {
  it('stores a signer and its capabilities, and refreshes rather than duplicates', async () => {
    const store = await keystore();
    expect((await store.collectSigner(first, { aesGcm: true }, { email: 'BOB@example.test' })).result).toBe('added');
    const again = await store.collectSigner(first, { aesGcm: true, rsaOaep: true }, { email: 'bob@example.test' });
    expect(again.result).toBe('refreshed');
    expect(again.person.certificates).toHaveLength(1);
    expect(again.person.certificates[0]).toMatchObject({ source: 'collected', capabilities: { aesGcm: true, rsaOaep: true } });
    expect(again.person.changed).toBeNull();
    expect((await store.encryptionCertificateFor('bob@example.test'))!.fingerprint256).toBe(first.fingerprint256);
  });

  it('uses the newest valid collected certificate to encrypt, and shows the change', async () => {
    const store = await keystore();
    await store.collectSigner(first, null, { email: 'bob@example.test' });
    const outcome = await store.collectSigner(second, null, { email: 'bob@example.test' });
    expect(outcome.result).toBe('changed');
    expect(outcome.person.changed?.fingerprint256).toBe(second.fingerprint256);
    expect(outcome.person.certificates).toHaveLength(2);
    expect(outcome.person.encryptionFingerprint256).toBe(second.fingerprint256);
  });

  it('never lets a collected certificate displace one the user confirmed; both are kept and the change is shown', async () => {
    const store = await keystore();
    await store.collectSigner(second, null, { email: 'bob@example.test' });
    await store.confirmPersonCertificate('bob@example.test', second.fingerprint256);
    const outcome = await store.collectSigner(third, null, { email: 'bob@example.test' });
    expect(outcome.result).toBe('changed');
    expect(outcome.person.certificates.map((c) => c.source)).toEqual(['confirmed', 'collected']);
    expect(outcome.person.encryptionFingerprint256).toBe(second.fingerprint256);
    expect(outcome.person.changed?.fingerprint256).toBe(third.fingerprint256);

    // Collecting the confirmed one again does not demote it.
    await store.collectSigner(second, null, { email: 'bob@example.test' });
    expect((await store.personFor('bob@example.test'))!.certificates[0]!.source).toBe('confirmed');

    // Once the user confirms the new one, it is used and the notice goes.
    const confirmed = await store.confirmPersonCertificate('bob@example.test', third.fingerprint256);
    expect(confirmed.encryptionFingerprint256).toBe(third.fingerprint256);
    expect(confirmed.changed).toBeNull();
  });

  it('does not encrypt to an expired certificate', async () => {
    const store = fixture.open({ clock: fixedClock(new Date(Date.now() + 30 * 86_400_000).toISOString()) });
    await store.unlock(PASSPHRASE);
    await store.collectSigner(first, null, { email: 'bob@example.test' });
    expect(await store.encryptionCertificateFor('bob@example.test')).toBeNull();
  });
});
