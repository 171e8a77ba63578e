import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from '../testing/make-certificates';
import { child, encoded, explicit, octets, parseDer } from './asn1';
import { readPkcs12 } from './read-pkcs12';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
}, 60_000);
afterAll(() => pki.cleanup());

/** DER length octets. */
function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * Re-encodes a DER PFX the way Windows (CryptoAPI) and Java write theirs: BER, indefinite lengths,
 * and the authenticated safe as a constructed OCTET STRING in chunks. The MAC still covers the
 * same content octets, so it must verify.
 */
function toBer(der: Uint8Array): Buffer {
  const pfx = parseDer(der);
  const authSafe = child(pfx, 1);
  const content = octets(explicit(child(authSafe, 1)));
  const chunks: Buffer[] = [];
  for (let i = 0; i < content.length; i += 500) {
    const chunk = content.subarray(i, i + 500);
    chunks.push(Buffer.concat([Buffer.from([0x04]), length(chunk.length), chunk]));
  }
  const eoc = Buffer.from([0, 0]);
  return Buffer.concat([
    Buffer.from([0x30, 0x80]),
    encoded(child(pfx, 0)),
    Buffer.from([0x30, 0x80]),
    encoded(child(authSafe, 0)),
    Buffer.from([0xa0, 0x80, 0x24, 0x80]),
    ...chunks,
    eoc,
    eoc,
    eoc,
    encoded(child(pfx, 2)),
    eoc,
  ]);
}

it('reads a BER PKCS#12 with indefinite lengths and a chunked authenticated safe, as Windows writes', () => {
  const person = pki.person({ name: 'win', email: 'win@example.test' });
  const der = pki.p12('win', person, { password: 'pw', chain: true, args: ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'] });
  const ber = toBer(der);
  expect(ber.equals(Buffer.from(der))).toBe(false);
  const contents = readPkcs12(ber, 'pw');
  expect(contents.keys).toHaveLength(1);
  expect(contents.certificates).toHaveLength(2);
  expect(() => readPkcs12(ber, 'wrong')).toThrow(expect.objectContaining({ reason: 'wrong-password' }));
});
