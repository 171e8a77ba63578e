/**
 * Issue 16, item 6: one's own certificate warns 30 days before it expires; once expired (or before
 * it is valid) it never signs, and the composer says why, yet mail encrypted to it still opens.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ComposeReadinessService } from '../compose/compose-readiness';
import { SmimeService } from '../smime/smime-service';
import { keystoreOrNone } from './keystore-or-none';
import { makeTestPki, type TestPki } from './testing/make-certificates';
import { fixedClock, makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from './testing/keystore-fixture';

const DAY = 86_400_000;
const accounts = { get: async () => ({ id: 'a', address: 'alice@example.test', displayName: '', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) };

let pki: TestPki;
let p12: Uint8Array;
const issued = Date.now();
beforeAll(() => {
  pki = makeTestPki();
  p12 = pki.p12('alice', pki.person({ name: 'alice', email: 'alice@example.test', days: 20 }), { password: 'pw' });
}, 60_000);
afterAll(() => pki.cleanup());

let fixture: KeystoreFixture;
beforeEach(async () => {
  fixture = makeKeystoreFixture();
  await fixture.open().create(PASSPHRASE);
  const store = await at(issued + 60_000);
  await store.importIdentity('alice.p12', p12, 'pw');
});
afterEach(() => fixture.cleanup());

async function at(time: number) {
  const store = fixture.open({ clock: fixedClock(new Date(time).toISOString()) });
  await store.unlock(PASSPHRASE);
  return store;
}
const smime = (store: Awaited<ReturnType<typeof at>>, time: number) => new SmimeService({ keystore: keystoreOrNone(store), clock: fixedClock(new Date(time).toISOString()), revocation: null });
const draft = { accountId: 'a', from: 'alice@example.test', to: ['alice@example.test'], subject: 'Note to self', text: 'kept for later', sign: false, encrypt: true };

describe("one's own certificate's life", () => {
  it('says nothing about renewal while more than 30 days are left, and warns within them', async () => {
    const [early] = (await (await at(issued + 60_000)).overview()).identities;
    const expiresOn = early!.certificate.notAfter.slice(0, 10);
    const inDays = (Date.parse(expiresOn) - Date.parse(new Date(issued + 60_000).toISOString().slice(0, 10))) / DAY;
    expect(inDays).toBeGreaterThanOrEqual(19);
    expect(early!.renewal).toEqual({ expiresOn, inDays });
    // The certificate holds 20 days: 30 days before it, there was no notice yet.
    const [before] = (await (await at(issued - 11 * DAY)).overview()).identities;
    expect(before!.renewal).toBeNull();
  });

  it('never signs with an expired certificate, even one chosen for the account, and the composer says why', async () => {
    const later = issued + 21 * DAY;
    const valid = await at(issued + 60_000);
    const [identity] = (await valid.overview()).identities;
    await valid.chooseAccountIdentity('a', identity!.certificate.fingerprint256);
    const sealed = await smime(valid, issued + 60_000).compose(draft);

    const store = await at(later);
    expect(await store.identityForAccount('a', 'alice@example.test')).toBeNull();
    expect((await store.overview()).identities[0]!.renewal).toBeNull();
    const readiness = await new ComposeReadinessService(accounts, { canProtect: true, keystore: keystoreOrNone(store) }).check('a', []);
    const reason = `your certificate for alice@example.test expired on ${identity!.certificate.notAfter.slice(0, 10)}; import a renewed one to sign and encrypt.`;
    expect(readiness.sign).toEqual({ available: false, reason });
    expect(readiness.encrypt.available).toBe(false);
    await expect(smime(store, later).compose({ ...draft, sign: true })).rejects.toThrow(`Your certificate for alice@example.test expired on ${identity!.certificate.notAfter.slice(0, 10)}; import a renewed one to sign and encrypt, or send without signing and encryption.`);

    // The mail encrypted to it while it held still opens.
    const opened = await smime(store, later).read(sealed);
    expect(opened.verdict.encryption.status).toBe('decrypted');
    expect(opened.text).toContain('kept for later');
  });

  it('does not sign with a certificate that is not valid yet', async () => {
    const store = await at(issued - 2 * DAY);
    expect(await store.identityForAccount('a', 'alice@example.test')).toBeNull();
    const readiness = await new ComposeReadinessService(accounts, { canProtect: true, keystore: keystoreOrNone(store) }).check('a', []);
    expect(readiness.sign.reason).toMatch(/^your certificate for alice@example\.test is not valid until \d{4}-\d{2}-\d{2}; it can sign from then on\.$/);
  });
});
