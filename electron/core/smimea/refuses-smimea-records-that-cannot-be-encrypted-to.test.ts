// Secure SMIMEA records that still give no certificate to encrypt to: hashes, authorities'
// certificates, garbage, another person's certificate, one not meant for e-mail encryption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedDns } from '../transport-policy/testing/scripted-dns';
import type { DnsClient } from '../transport-policy/dns-client';
import { openssl, TestPki, type TestCa, type TestIdentity } from '../smime/testing/test-pki';
import { checkSmimeaCertificate, MAX_CERTIFICATE_BYTES } from './check-smimea-certificate';
import { lookupSmimea } from './lookup-smimea';
import { startSmimeaDns, wholeCertificate } from './testing/smimea-zone';

let pki: TestPki;
let ca: TestCa;
let carol: TestIdentity;
let server: ScriptedDns;
let dns: DnsClient;

/** A self-signed certificate for `email` with exactly these extensions (DANE-EE needs no CA). */
function selfSigned(email: string, extensions: string[]): Buffer {
  const key = pki.path(`${email}.key`);
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
  const pem = openssl(['req', '-x509', '-new', '-key', key, '-days', '30', '-subj', `/CN=${email}`, ...extensions.flatMap((e) => ['-addext', e])]);
  return openssl(['x509', '-outform', 'DER'], pem);
}

let selfSignedOk: Buffer;

beforeAll(async () => {
  pki = new TestPki();
  ca = pki.createCa('ca');
  carol = pki.issue(ca, 'carol@dane.test');
  const carolDer = carol.certificate.der;
  const mallory = pki.issue(ca, 'mallory@dane.test');
  const server1 = pki.issue(ca, 'tls@dane.test', { extendedKeyUsage: 'serverAuth' });
  const expired = pki.issue(ca, 'old@dane.test', { validity: { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2021-01-01T00:00:00Z') } });
  selfSignedOk = selfSigned('self@dane.test', ['subjectAltName=email:self@dane.test', 'keyUsage=critical,keyEncipherment', 'extendedKeyUsage=emailProtection']);
  const signOnly = selfSigned('signer@dane.test', ['subjectAltName=email:signer@dane.test', 'keyUsage=critical,digitalSignature']);
  ({ server, dns } = await startSmimeaDns({
    'hashed@dane.test': { records: [{ usage: 3, selector: 0, matchingType: 1, data: Buffer.alloc(32, 7) }, { usage: 3, selector: 1, matchingType: 2, data: Buffer.alloc(64, 7) }, { usage: 3, selector: 1, matchingType: 0, data: Buffer.alloc(294, 7) }], dnssec: 'secure' },
    'ta@dane.test': { records: [wholeCertificate(0, ca.certificate.der), wholeCertificate(2, ca.certificate.der)], dnssec: 'secure' },
    'garbage@dane.test': { records: [wholeCertificate(3, Buffer.from('not a certificate at all')), Buffer.from([3, 0])], dnssec: 'secure' },
    'carol@dane.test': { records: [wholeCertificate(3, mallory.certificate.der), wholeCertificate(3, carolDer), wholeCertificate(9, carolDer)], dnssec: 'secure' },
    'tls@dane.test': { records: [wholeCertificate(3, server1.certificate.der)], dnssec: 'secure' },
    'old@dane.test': { records: [wholeCertificate(3, expired.certificate.der)], dnssec: 'secure' },
    'self@dane.test': { records: [wholeCertificate(3, selfSignedOk)], dnssec: 'secure' },
    'signer@dane.test': { records: [wholeCertificate(3, signOnly)], dnssec: 'secure' },
  }));
});

afterAll(async () => {
  await server?.close();
  pki?.cleanup();
});

describe('lookupSmimea refuses records it cannot encrypt to', () => {
  it('notes records that publish only a hash of the certificate or its key, or a bare key, once per kind', async () => {
    const result = await lookupSmimea(dns, 'hashed@dane.test');
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([
      'an SMIMEA record of hashed@dane.test publishes only a hash of its certificate, which cannot be encrypted to',
      'an SMIMEA record of hashed@dane.test publishes only a public key, not its certificate, which cannot be encrypted to',
    ]);
  });

  it('does not encrypt to the authority certificate of a PKIX-TA or DANE-TA record', async () => {
    const result = await lookupSmimea(dns, 'ta@dane.test');
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([
      "an SMIMEA record of ta@dane.test publishes the certificate of an authority that issues the domain's certificates (PKIX-TA), not ta@dane.test's own, which cannot be encrypted to",
      "an SMIMEA record of ta@dane.test publishes the certificate of an authority that issues the domain's certificates (DANE-TA), not ta@dane.test's own, which cannot be encrypted to",
    ]);
  });

  it('refuses rdata that is not a certificate, or too short to be a record', async () => {
    const result = await lookupSmimea(dns, 'garbage@dane.test');
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([
      'the certificate in an SMIMEA record of garbage@dane.test is not a readable certificate, so it is not used',
      'an SMIMEA record of garbage@dane.test is too short to hold a certificate',
    ]);
  });

  it('refuses a certificate for another address but keeps the right one beside it', async () => {
    const result = await lookupSmimea(dns, 'carol@dane.test');
    expect(result.found).toEqual([{ der: carol.certificate.der, usage: 3, wording: 'published by the domain' }]);
    expect(result.problems).toEqual([
      'the certificate in an SMIMEA record of carol@dane.test is not for carol@dane.test (it is for mallory@dane.test), so it is not used',
      'an SMIMEA record of carol@dane.test has an unknown certificate usage (9) and is not used',
    ]);
  });

  it('refuses a certificate whose extended key usage is not e-mail, or whose key usage forbids encryption', async () => {
    expect((await lookupSmimea(dns, 'tls@dane.test')).problems).toEqual([
      'the certificate in an SMIMEA record of tls@dane.test is not meant for e-mail (it lacks the emailProtection usage), so it is not used',
    ]);
    const signer = await lookupSmimea(dns, 'signer@dane.test');
    expect(signer.found).toEqual([]);
    expect(signer.problems[0]).toMatch(/does not allow encryption/);
  });

  it('refuses a certificate outside its validity, judged by the clock it is given', async () => {
    expect((await lookupSmimea(dns, 'old@dane.test')).problems).toEqual([
      'the certificate in an SMIMEA record of old@dane.test expired on 2021-01-01, so it is not used',
    ]);
    const then = await lookupSmimea(dns, 'old@dane.test', { clock: () => new Date('2020-06-01T00:00:00Z') });
    expect(then.found).toMatchObject([{ usage: 3 }]);
    expect((await lookupSmimea(dns, 'old@dane.test', { clock: () => new Date('2019-06-01T00:00:00Z') })).problems[0]).toMatch(/is not valid until 2020-01-01/);
  });

  it('finds a self-signed DANE-EE certificate, since the DNS record is what vouches for it', async () => {
    expect((await lookupSmimea(dns, 'self@dane.test')).found).toEqual([{ der: selfSignedOk, usage: 3, wording: 'published by the domain' }]);
  });

  it('refuses a certificate over 64 KB without parsing it', () => {
    // Larger than any SMIMEA rdata can be in one DNS message, so only reachable by calling the check.
    expect(checkSmimeaCertificate(Buffer.alloc(MAX_CERTIFICATE_BYTES + 1, 0x30), 'carol@dane.test')).toEqual({ ok: false, why: 'is larger than 64 KB' });
  });
});
