import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, P12_SHAPES, type TestPki } from '../testing/make-certificates';
import { readPkcs12 } from './read-pkcs12';

let pki: TestPki;
let rsa: ReturnType<TestPki['person']>;
let ec: ReturnType<TestPki['person']>;

beforeAll(() => {
  pki = makeTestPki();
  rsa = pki.person({ name: 'alice', email: 'alice@example.test', subject: '/CN=Alice Example' });
  ec = pki.person({ name: 'bob', email: 'bob@example.test', key: 'ec' });
}, 60_000);
afterAll(() => pki.cleanup());

describe('PKCS#12 reading', () => {
  for (const [shape, args] of Object.entries(P12_SHAPES)) {
    for (const keyType of ['rsa', 'ec'] as const) {
      it(`reads ${shape} with an ${keyType.toUpperCase()} key and its chain`, () => {
        const person = keyType === 'rsa' ? rsa : ec;
        const file = pki.p12(`${keyType}-${args.join('')}`, person, { password: 'pässword 1', chain: true, args });
        const contents = readPkcs12(file, 'pässword 1');
        expect(contents.keys).toHaveLength(1);
        const key = createPrivateKey({ key: contents.keys[0]!.pkcs8, format: 'der', type: 'pkcs8' });
        expect(key.asymmetricKeyType).toBe(keyType);
        const certificates = contents.certificates.map((c) => new X509Certificate(c.der));
        expect(certificates.map((c) => c.subject)).toContain(new X509Certificate(person.certPem).subject);
        expect(certificates.some((c) => c.ca)).toBe(true);
        expect(certificates.find((c) => !c.ca)!.checkPrivateKey(key)).toBe(true);
      });
    }
  }

  it('reads a file without its chain', () => {
    const contents = readPkcs12(pki.p12('nochain', rsa, { password: 'pw' }), 'pw');
    expect(contents.certificates).toHaveLength(1);
    expect(contents.keys).toHaveLength(1);
  });

  it.each([[[]], [['-legacy']]])('reads a file with an empty password (%j)', (args) => {
    const contents = readPkcs12(pki.p12(`empty${args.join('')}`, ec, { password: '', args }), '');
    expect(contents.keys).toHaveLength(1);
  });

  it.each(Object.entries(P12_SHAPES))('refuses a wrong password for %s', (_shape, args) => {
    const file = pki.p12(`wrong${args.join('')}`, rsa, { password: 'right', args });
    expect(() => readPkcs12(file, 'wrong')).toThrow(expect.objectContaining({ reason: 'wrong-password' }));
  });

  it('refuses a wrong password in a file without a MAC', () => {
    const file = pki.p12('nomac', rsa, { password: 'right', args: ['-legacy', '-nomac'] });
    expect(() => readPkcs12(file, 'wrong')).toThrow(expect.objectContaining({ reason: 'wrong-password' }));
    expect(readPkcs12(file, 'right').keys).toHaveLength(1);
  });

  it('says when a file is not PKCS#12 or is cut short', () => {
    expect(() => readPkcs12(Buffer.from(rsa.certPem), 'pw')).toThrow(expect.objectContaining({ reason: 'not-pkcs12' }));
    const file = pki.p12('cut', rsa, { password: 'pw' });
    expect(() => readPkcs12(file.subarray(0, file.length - 100), 'pw')).toThrow(expect.objectContaining({ reason: 'truncated' }));
  });

  it('reads a file with certificates only', () => {
    const contents = readPkcs12(pki.p12('certs', rsa, { password: 'pw', noKey: true, chain: true }), 'pw');
    expect(contents.keys).toHaveLength(0);
    expect(contents.certificates).toHaveLength(2);
  });
});
