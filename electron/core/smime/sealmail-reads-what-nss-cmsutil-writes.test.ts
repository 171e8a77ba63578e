/**
 * Issue 14 item 5, NSS inward: what NSS's `cmsutil` (the engine Thunderbird uses) signs, detached
 * and opaque, RSA and EC, and encrypts (EnvelopedData, RSA PKCS#1 v1.5, the only key transport
 * NSS 3.87 writes), Sealmail reads as valid and shows the text, with the test CA trusted.
 * The content is a MIME entity with headers, as Thunderbird sends it.
 */
import { describe, expect, it } from 'vitest';
import { keyDecryptor } from './decrypt-envelope';
import { wrapBase64 } from './mime/canonical';
import { withNssPeer, type NssDb } from './testing/nss-db';
import type { SmimeFixture } from './testing/smime-fixture';
import type { TestIdentity } from './testing/test-pki';

let f: SmimeFixture;
let nss: NssDb;
withNssPeer((peer) => ({ f, nss } = peer));

const CONTENT = Buffer.from('Content-Type: text/plain; charset=utf-8\r\n\r\nSigned by NSS, with ümlauts.\r\n');
const headers = (from: string) => `From: ${from}\r\nTo: carol@example.test\r\nSubject: from NSS\r\nMIME-Version: 1.0\r\n`;

/** A detached NSS signature over `content`, put in multipart/signed (RFC 8551 §3.5.3). */
function multipartSigned(content: Buffer, signature: Buffer): Buffer {
  const boundary = 'nss-boundary';
  return Buffer.concat([
    Buffer.from(`Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="${boundary}"\r\n\r\n--${boundary}\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\n`),
    Buffer.from(`${wrapBase64(signature)}\r\n--${boundary}--\r\n`),
  ]);
}

/** NSS's DER in application/pkcs7-mime (RFC 8551 §3.2), as Thunderbird sends it. */
function pkcs7Mime(smimeType: 'signed-data' | 'enveloped-data', der: Buffer): Buffer {
  return Buffer.from(`Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrapBase64(der)}\r\n`);
}

const readAs = (raw: Buffer, identity: TestIdentity) =>
  f.read(raw, { decryptor: keyDecryptor(() => [{ certificate: identity.certificate, key: identity.key }]) });

describe.each(['alice', 'bob'] as const)('signed by cmsutil for %s', (who) => {
  it('is valid as multipart/signed and shows the text', async () => {
    const identity = f[who];
    const message = Buffer.concat([Buffer.from(headers(identity.email)), multipartSigned(CONTENT, nss.sign(CONTENT, identity.email, { detached: true }))]);
    const result = await f.read(message);
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { email: identity.email } });
    expect(result.verdict.signature.details?.signingTime).not.toBeNull();
    expect(result.text).toBe('Signed by NSS, with ümlauts.\n');
  });

  it('is valid as opaque signed-data (application/pkcs7-mime) and shows the text', async () => {
    const identity = f[who];
    const message = Buffer.concat([Buffer.from(headers(identity.email)), pkcs7Mime('signed-data', nss.sign(CONTENT, identity.email, { detached: false }))]);
    const result = await f.read(message);
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { email: identity.email } });
    expect(result.text).toBe('Signed by NSS, with ümlauts.\n');
  });

  it('is invalid when the signed content was changed on the way', async () => {
    const identity = f[who];
    const signature = nss.sign(CONTENT, identity.email, { detached: true });
    const changed = Buffer.from(CONTENT.toString('utf8').replace('Signed by NSS', 'Signed by EVE'));
    const result = await f.read(Buffer.concat([Buffer.from(headers(identity.email)), multipartSigned(changed, signature)]));
    expect(result.verdict.signature.status).toBe('invalid');
  });
});

it('advertises what NSS can decrypt, read from its signature: no GCM, no OAEP', async () => {
  const message = Buffer.concat([Buffer.from(headers(f.alice.email)), multipartSigned(CONTENT, nss.sign(CONTENT, f.alice.email, { detached: true }))]);
  const result = await f.read(message);
  expect(result.verdict.signature.details?.capabilities).toEqual({ aesGcm: false, rsaOaep: false });
});

it('opens what cmsutil encrypted to alice (RSA) and shows the text', async () => {
  const raw = Buffer.concat([Buffer.from(headers('carol@example.test')), pkcs7Mime('enveloped-data', nss.encrypt(CONTENT, [f.alice.email]))]);
  const result = await readAs(raw, f.alice);
  expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', integrityProtected: false });
  expect(result.verdict.encryption.algorithm).toMatch(/^AES-(128|256)-CBC$/);
  expect(result.text).toBe('Signed by NSS, with ümlauts.\n');
});

it('shows both verdicts for a message cmsutil signed and then encrypted, as Thunderbird does', async () => {
  const signed = multipartSigned(CONTENT, nss.sign(CONTENT, f.alice.email, { detached: true }));
  const raw = Buffer.concat([Buffer.from(headers(f.alice.email)), pkcs7Mime('enveloped-data', nss.encrypt(signed, [f.alice.email]))]);
  const result = await readAs(raw, f.alice);
  expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { email: f.alice.email } });
  // CBC alone is malleable; the valid signature inside is what protects the content.
  expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', integrityProtected: true });
  expect(result.text).toBe('Signed by NSS, with ümlauts.\n');
});
