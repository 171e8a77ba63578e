import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './testing/make-certificates';
import { makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from './testing/keystore-fixture';

let pki: TestPki;
let alice: ReturnType<TestPki['person']>;
let p12: Uint8Array;
beforeAll(() => {
  pki = makeTestPki();
  alice = pki.person({ name: 'alice', email: 'alice@example.test' });
  p12 = pki.p12('alice', alice, { password: 'right', chain: true });
}, 60_000);
afterAll(() => pki.cleanup());

let fixture: KeystoreFixture;
let before: Buffer;
beforeEach(async () => {
  fixture = makeKeystoreFixture();
  const keystore = fixture.open();
  await keystore.create(PASSPHRASE);
  before = readFileSync(fixture.path);
});
afterEach(() => fixture.cleanup());

async function unlocked() {
  const keystore = fixture.open();
  await keystore.unlock(PASSPHRASE);
  return keystore;
}

describe('bad input', () => {
  it("says 'wrong password for alice.p12' and stores nothing", async () => {
    const keystore = await unlocked();
    await expect(keystore.importIdentity('alice.p12', p12, 'wrong')).rejects.toMatchObject({ code: 'WRONG_PASSWORD', message: 'wrong password for alice.p12' });
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
    expect(await keystore.identities()).toEqual([]);
  });

  it('says when a file is not PKCS#12', async () => {
    const keystore = await unlocked();
    await expect(keystore.importIdentity('notes.p12', Buffer.from('just some text, not a certificate at all'), 'x')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'notes.p12 is not a PKCS#12 (.p12/.pfx) or certificate file.',
    });
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
  });

  it('says when a file was cut short', async () => {
    const keystore = await unlocked();
    await expect(keystore.importIdentity('alice.p12', p12.subarray(0, 600), 'right')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('alice.p12 is incomplete'),
    });
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
  });

  it('offers the certificates of a file without a private key as people or authorities', async () => {
    const keystore = await unlocked();
    const certsOnly = pki.p12('certs', alice, { password: 'right', noKey: true, chain: true });
    const outcome = await keystore.importIdentity('certs.p12', certsOnly, 'right');
    expect(outcome).toMatchObject({ kind: 'certificates-only', message: expect.stringContaining('no private key') });
    expect(outcome.kind === 'certificates-only' && outcome.certificates.map((c) => c.isAuthority).sort()).toEqual([false, true]);
    expect(readFileSync(fixture.path).equals(before)).toBe(true);

    const people = await keystore.addPeople('certs.p12', certsOnly, 'right');
    expect(people.map((p) => [p.email, p.certificates[0]!.source])).toEqual([['alice@example.test', 'imported']]);
    const ca = outcome.kind === 'certificates-only' ? outcome.certificates.find((c) => c.isAuthority)! : null;
    await keystore.addAuthority('certs.p12', certsOnly, 'right', ca!.fingerprint256);
    expect(await keystore.authorityPems()).toEqual([pki.caCertPem]);
  });

  it('adds an authority only under the fingerprint the user confirmed', async () => {
    const keystore = await unlocked();
    const pem = Buffer.from(pki.caCertPem);
    await expect(keystore.addAuthority('ca.pem', pem, '', 'AA:BB')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(keystore.addAuthority('alice.pem', Buffer.from(alice.certPem), '', (await keystore.inspect('alice.pem', Buffer.from(alice.certPem), ''))[0]!.fingerprint256)).rejects.toThrow(/not a certificate authority/);
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
  });
});
