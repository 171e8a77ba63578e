import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KEYSTORE_FILE_NAME } from '../core/keystore/keystore-service';
import { makeTestPki, type TestPki } from '../core/keystore/testing/make-certificates';
import { runCli } from './run-cli';

let pki: TestPki;
let dir: string;
let contactsPath: string;
let uselessPath: string;
let renewedPath: string;
let bob: X509Certificate;
const PASSPHRASE = 'a long keystore passphrase';

beforeAll(async () => {
  pki = makeTestPki();
  dir = join(pki.dir, 'profile');
  bob = new X509Certificate(pki.person({ name: 'bob', email: 'bob@example.test' }).certPem);
  const b64 = bob.raw.toString('base64');
  contactsPath = join(pki.dir, 'contacts.vcf');
  // A 3.0 card as older clients write it, folded, and a card whose certificate is someone else's.
  writeFileSync(
    contactsPath,
    [
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Bob Example', 'EMAIL;TYPE=INTERNET:bob@example.test', `KEY;TYPE=x509;ENCODING=b:${b64}`.match(/.{1,75}/g)!.join('\r\n '), 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:Mallory', 'EMAIL:mallory@example.test', `KEY;TYPE=x509;ENCODING=b:${b64}`, 'END:VCARD', '',
    ].join('\r\n'),
  );
  uselessPath = join(pki.dir, 'useless.vcf');
  writeFileSync(uselessPath, ['BEGIN:VCARD', 'VERSION:4.0', 'FN:Mallory', 'EMAIL:mallory@example.test', `KEY:data:application/pkix-cert;base64,${b64}`, 'END:VCARD', ''].join('\r\n'));
  await new Promise((resolve) => setTimeout(resolve, 1100)); // a later notBefore: the newer one
  const renewed = new X509Certificate(pki.person({ name: 'bob-renewed', email: 'bob@example.test' }).certPem);
  renewedPath = join(pki.dir, 'renewed.vcf');
  writeFileSync(renewedPath, ['BEGIN:VCARD', 'VERSION:4.0', 'EMAIL:bob@example.test', `KEY:data:application/pkix-cert;base64,${renewed.raw.toString('base64')}`, 'END:VCARD', ''].join('\r\n'));
}, 60_000);
afterAll(() => pki.cleanup());

async function sealmail(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: { SEALMAIL_PASSPHRASE: PASSPHRASE }, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

it('adds the certificates of a .vcf as people, prints what it refused and why, and lists them as from a vCard', async () => {
  const imported = await sealmail(['keystore', 'import-contacts', contactsPath, '--keystore', dir]);
  expect(imported.code).toBe(0);
  expect(imported.stdout).toBe(`Added bob@example.test: address verified, valid until ${new Date(bob.validTo).toISOString().slice(0, 10)}, SHA-256 ${bob.fingerprint256}\n`);
  expect(imported.stderr).toBe("refused Mallory <mallory@example.test>: The card's certificate is for bob@example.test, not for an address on the card (mallory@example.test).\n");

  const listed = JSON.parse((await sealmail(['keystore', 'list', '--keystore', dir, '--json'])).stdout) as { people: Record<string, unknown>[] };
  expect(listed.people).toMatchObject([{ email: 'bob@example.test', source: 'vcard', usedForEncryption: true, changed: false }]);
});

it('exits 1 and changes nothing when the file holds nothing usable', async () => {
  await sealmail(['keystore', 'import-contacts', contactsPath, '--keystore', dir]);
  const before = readFileSync(join(dir, KEYSTORE_FILE_NAME));
  const refused = await sealmail(['keystore', 'import-contacts', uselessPath, '--keystore', dir]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('refused Mallory <mallory@example.test>');
  expect(refused.stderr).toContain('sealmail: useless.vcf holds no certificate Sealmail could add; nothing was changed.');
  expect(readFileSync(join(dir, KEYSTORE_FILE_NAME)).equals(before)).toBe(true);
  expect((await sealmail(['keystore', 'import-contacts', join(pki.dir, 'missing.vcf'), '--keystore', dir])).code).toBe(1);
  expect((await sealmail(['keystore', 'import-contacts', '--keystore', dir])).code).toBe(2);
});

it('keeps both certificates when a .vcf brings a different one for a known address, and says which encrypts', async () => {
  await sealmail(['keystore', 'import-contacts', contactsPath, '--keystore', dir]);
  const changed = await sealmail(['keystore', 'import-contacts', renewedPath, '--keystore', dir]);
  expect(changed.code).toBe(0);
  expect(changed.stdout).toMatch(/^Added bob@example\.test: address verified, valid until [\d-]+, SHA-256 (?!.*\n.)/);
  expect(changed.stdout).not.toContain(bob.fingerprint256);
  expect(changed.stderr).toBe('warning: bob@example.test now has a different certificate beside the one you had; the new one is used to encrypt. Both are kept.\n');
  const listed = JSON.parse((await sealmail(['keystore', 'list', '--keystore', dir, '--json'])).stdout) as { people: Record<string, unknown>[] };
  expect(listed.people.map((p) => [p.fingerprint256 === bob.fingerprint256, p.source, p.changed])).toEqual([
    [true, 'vcard', false],
    [false, 'vcard', true],
  ]);
});
