import { randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../testing/make-certificates';
import { fixedClock, makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from '../testing/keystore-fixture';

let pki: TestPki;
let bob1: X509Certificate;
let bob2: X509Certificate;
let carol: X509Certificate;
let tlsOnly: X509Certificate;
let ca: X509Certificate;
beforeAll(async () => {
  pki = makeTestPki();
  bob1 = new X509Certificate(pki.person({ name: 'bob1', email: 'bob@example.test' }).certPem);
  await new Promise((resolve) => setTimeout(resolve, 1100)); // a later notBefore: "newer"
  bob2 = new X509Certificate(pki.person({ name: 'bob2', email: 'bob@example.test' }).certPem);
  carol = new X509Certificate(pki.person({ name: 'carol', email: 'carol@example.test', key: 'ec' }).certPem);
  tlsOnly = new X509Certificate(pki.person({ name: 'tls', email: 'dave@example.test', extendedKeyUsage: 'clientAuth' }).certPem);
  ca = new X509Certificate(pki.caCertPem);
}, 60_000);
afterAll(() => pki.cleanup());

let fixture: KeystoreFixture;
beforeEach(async () => {
  fixture = makeKeystoreFixture();
  await fixture.open().create(PASSPHRASE);
});
afterEach(() => fixture.cleanup());

async function keystore(at = new Date(Date.now() + 60_000)) {
  const opened = fixture.open({ clock: fixedClock(at.toISOString()) });
  await opened.unlock(PASSPHRASE);
  return opened;
}

function card(name: string, emails: string[], keys: Buffer[]): string {
  return ['BEGIN:VCARD', 'VERSION:4.0', `FN:${name}`, ...emails.map((e) => `EMAIL:${e}`), ...keys.map((k) => `KEY:data:application/pkix-cert;base64,${k.toString('base64')}`), 'END:VCARD'].join('\r\n');
}
const vcf = (...cards: string[]) => Buffer.from(`${cards.join('\r\n')}\r\n`);

describe('importing contacts', () => {
  it('adds a certificate for each address on the card that the certificate names, and only those', async () => {
    const store = await keystore();
    const outcome = await store.importContacts('contacts.vcf', vcf(card('Bob Example', ['bob@example.test', 'bob@home.test'], [bob1.raw]), card('Carol', ['Carol@Example.test'], [carol.raw])));
    expect(outcome.refused).toEqual([]);
    expect(outcome.added.map((p) => [p.email, p.certificates.map((c) => c.source), p.encryptionFingerprint256])).toEqual([
      ['bob@example.test', ['vcard'], bob1.fingerprint256],
      ['carol@example.test', ['vcard'], carol.fingerprint256],
    ]);
    expect(await store.personFor('bob@home.test')).toBeNull();
  });

  it('refuses what is not a usable e-mail certificate for the card, with reasons, and stores none of it', async () => {
    const store = await keystore();
    const before = readFileSync(fixture.path);
    const outcome = await store.importContacts(
      'contacts.vcf',
      vcf(
        card('Mallory', ['mallory@example.test'], [bob1.raw]),
        card('Dave', ['dave@example.test'], [tlsOnly.raw]),
        card('Big', ['big@example.test'], [randomBytes(70 * 1024)]),
        card('Junk', ['junk@example.test'], [randomBytes(300)]),
        card('The CA', ['ca@example.test'], [ca.raw]),
        card('Nobody', [], [carol.raw]),
        'BEGIN:VCARD\r\nFN:Broken\r\nEMAIL:broken@example.test\r\nKEY;ENCODING=b:%%%\r\nEND:VCARD',
      ),
    );
    expect(outcome.added).toEqual([]);
    expect(outcome.refused).toEqual([
      { contact: 'Mallory <mallory@example.test>', reason: "The card's certificate is for bob@example.test, not for an address on the card (mallory@example.test)." },
      { contact: 'Dave <dave@example.test>', reason: "The card's certificate for dave@example.test is not meant for e-mail (it lacks the emailProtection usage)." },
      { contact: 'Big <big@example.test>', reason: "The card's KEY is 70 KB, too large to be a certificate (over 64 KB)." },
      { contact: 'Junk <junk@example.test>', reason: "The card's KEY is not an X.509 certificate." },
      { contact: 'The CA <ca@example.test>', reason: expect.stringContaining('is a certificate authority') },
      { contact: 'Nobody', reason: 'The card has a certificate but no e-mail address to keep it for.' },
      { contact: 'Broken <broken@example.test>', reason: 'The card holds a KEY whose base64 is broken.' },
    ]);
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
    expect((await store.overview()).people).toEqual([]);

    const empty = await store.importContacts('empty.vcf', Buffer.from('not a vcard at all'));
    expect(empty).toEqual({ added: [], refused: [{ contact: 'the file', reason: 'The file holds no vCard (no BEGIN:VCARD … END:VCARD).' }] });
    expect(readFileSync(fixture.path).equals(before)).toBe(true);
  });

  it('refuses an expired certificate on a card', async () => {
    const store = await keystore(new Date(Date.now() + 40 * 86_400_000));
    const outcome = await store.importContacts('old.vcf', vcf(card('Bob', ['bob@example.test'], [bob1.raw])));
    expect(outcome.added).toEqual([]);
    expect(outcome.refused[0]!.reason).toMatch(/^The card's certificate for bob@example\.test expired on \d{4}-\d{2}-\d{2}\.$/);
  });

  it('never silently replaces a confirmed certificate: the vCard one is kept beside it and the change is shown', async () => {
    const store = await keystore();
    await store.collectSigner(bob1, null, { email: 'bob@example.test' });
    await store.confirmPersonCertificate('bob@example.test', bob1.fingerprint256);
    const outcome = await store.importContacts('bob.vcf', vcf(card('Bob', ['bob@example.test'], [bob2.raw])));
    const bob = outcome.added[0]!;
    expect(bob.certificates.map((c) => [c.certificate.fingerprint256, c.source])).toEqual([
      [bob1.fingerprint256, 'confirmed'],
      [bob2.fingerprint256, 'vcard'],
    ]);
    expect(bob.encryptionFingerprint256).toBe(bob1.fingerprint256);
    expect(bob.changed?.fingerprint256).toBe(bob2.fingerprint256);

    // The confirmed certificate, met again in a vCard, stays confirmed.
    const again = await store.importContacts('bob.vcf', vcf(card('Bob', ['bob@example.test'], [bob1.raw])));
    expect(again.added[0]!.certificates[0]!.source).toBe('confirmed');
  });

  it('refuses a file over 1 MB and everything while locked', async () => {
    const store = await keystore();
    await expect(store.importContacts('huge.vcf', Buffer.alloc(1_000_001, 0x41))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('huge.vcf is over 1 MB') });
    await expect(fixture.open().importContacts('c.vcf', vcf(card('Bob', ['bob@example.test'], [bob1.raw])))).rejects.toMatchObject({ code: 'KEYSTORE_LOCKED' });
  });
});
