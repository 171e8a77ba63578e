import { afterAll, beforeAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './testing/make-certificates';
import type { Clock } from '../ports';
import { fixedClock, makeKeystoreFixture, PASSPHRASE, type KeystoreFixture } from './testing/keystore-fixture';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
}, 60_000);
afterAll(() => pki.cleanup());

let fixture: KeystoreFixture;
beforeEach(() => {
  fixture = makeKeystoreFixture();
});
afterEach(() => fixture.cleanup());

// Without a clock given, the system clock: a fixed one taken before openssl made the certificate would call it not yet valid.
async function importOne(name: string, options: Omit<Parameters<TestPki['person']>[0], 'name'>, clock?: Clock) {
  const keystore = fixture.open({ clock });
  if ((await keystore.status()).state === 'missing') await keystore.create(PASSPHRASE);
  else await keystore.unlock(PASSPHRASE);
  const outcome = await keystore.importIdentity(`${name}.p12`, pki.p12(name, pki.person({ ...options, name }), { password: 'pw' }), 'pw');
  if (outcome.kind !== 'identities') throw new Error('expected an identity');
  return outcome.identities[0]!.certificate;
}

describe('validation level', () => {
  it("calls a mailbox-validated policy certificate 'address verified' even with a name", async () => {
    expect((await importOne('mv', { email: 'mv@example.test', subject: '/CN=Mallory Named', policy: '2.23.140.1.5.1.2' })).validation).toBe('address-verified');
  });

  it.each(['2.23.140.1.5.2.1', '2.23.140.1.5.3.1', '2.23.140.1.5.4.2'])("calls policy %s 'identity verified'", async (policy) => {
    expect((await importOne(`iv${policy}`, { email: 'iv@example.test', policy })).validation).toBe('identity-verified');
  });

  it("calls a subject with only an address, or 'Persona Not Validated', 'address verified'", async () => {
    expect((await importOne('bare', { email: 'bare@example.test' })).validation).toBe('address-verified');
    expect((await importOne('persona', { email: 'p@example.test', subject: '/CN=Persona Not Validated' })).validation).toBe('address-verified');
    expect((await importOne('cnmail', { email: 'c@example.test', subject: '/CN=c@example.test' })).validation).toBe('address-verified');
  });

  it("calls a name bound by the CA 'identity verified'", async () => {
    expect((await importOne('named', { email: 'alice@example.test', subject: '/CN=Alice Example' })).validation).toBe('identity-verified');
    expect((await importOne('org', { email: 'desk@example.test', subject: '/O=Example Ltd' })).validation).toBe('identity-verified');
  });
});

describe('warnings', () => {
  it('imports a certificate without emailProtection, with a warning', async () => {
    const certificate = await importOne('tls', { email: 'tls@example.test', extendedKeyUsage: 'serverAuth' });
    expect(certificate.warnings).toEqual(['no-email-protection']);
  });

  it('imports an expired certificate, with a warning', async () => {
    const later = fixedClock(new Date(Date.now() + 90 * 86_400_000).toISOString());
    const certificate = await importOne('old', { email: 'old@example.test', days: 30 }, later);
    expect(certificate.warnings).toEqual(['expired']);
  });

  it('imports an EC identity and names its key', async () => {
    const certificate = await importOne('ec', { email: 'ec@example.test', key: 'ec' });
    expect(certificate.keyType).toBe('EC P-256');
    expect(certificate.warnings).toEqual([]);
  });
});
