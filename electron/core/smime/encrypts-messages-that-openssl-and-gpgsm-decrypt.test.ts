/**
 * Item 3, interop outward: what Sealmail encrypts, `openssl cms -decrypt` opens for every algorithm
 * (GCM AuthEnvelopedData, CBC EnvelopedData; RSA PKCS#1 v1.5, RSA OAEP, ECDH with and without ukm),
 * and `gpgsm --decrypt` opens for RSA PKCS#1 v1.5 with AES-256-CBC, what gpgsm 2.2 reads.
 * Every message is also encrypted to the sender, and signed before it is encrypted.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encryptEntity, type EncryptionRecipient } from './encrypt-entity';
import { textEntity, withMessageHeaders } from './mime/compose-entity';
import { signEntity } from './sign-entity';
import type { GpgsmHome } from './testing/gpgsm-home';
import { withInteropPeers } from './testing/interop-peers';
import type { SmimeFixture } from './testing/smime-fixture';
import { openssl, type TestIdentity } from './testing/test-pki';

let f: SmimeFixture;
let gpgsm: GpgsmHome;
withInteropPeers((peers) => {
  ({ f, gpgsm } = peers);
  gpgsm.importIdentity(f.alice);
});

const recipient = (identity: TestIdentity, aesGcm: boolean, rsaOaep: boolean): EncryptionRecipient => ({
  certificate: identity.certificate,
  capabilities: { aesGcm, rsaOaep },
});

function encryptedMessage(recipients: EncryptionRecipient[], text: string, ukm?: Buffer): { raw: Buffer; algorithm: string } {
  const signed = signEntity(textEntity(text), f.signer(f.alice), f.clock);
  const { entity, algorithm } = encryptEntity(signed, recipients, ukm ? { ukm } : {});
  return { raw: withMessageHeaders(entity, { from: f.alice.email, to: [f.bob.email], subject: 'secret', date: f.now }), algorithm };
}

function opensslDecrypt(raw: Buffer, identity: TestIdentity): string {
  const path = f.pki.path(`enc-${Math.random()}.eml`);
  writeFileSync(path, raw);
  return openssl(['cms', '-decrypt', '-in', path, '-recip', identity.certPath, '-inkey', identity.keyPath]).toString('latin1');
}

/** The decrypted entity is the signed one: openssl verifies it too. */
function opensslVerifies(decrypted: string): string {
  const path = f.pki.path(`dec-${Math.random()}.eml`);
  writeFileSync(path, decrypted);
  return openssl(['cms', '-verify', '-in', path, '-CAfile', f.ca.certPath, '-purpose', 'smimesign']).toString('latin1');
}

describe.each([
  { name: 'AES-256-GCM AuthEnvelopedData', gcm: true },
  { name: 'AES-256-CBC EnvelopedData', gcm: false },
])('$name', ({ gcm }) => {
  it.each([
    { to: 'alice (RSA PKCS#1 v1.5)', who: 'alice' as const, oaep: false },
    { to: 'alice (RSA OAEP SHA-256)', who: 'alice' as const, oaep: true },
    { to: 'bob (ECDH P-256)', who: 'bob' as const, oaep: false },
  ])('opens with openssl cms for $to, and the signature inside verifies', ({ who, oaep }) => {
    const { raw, algorithm } = encryptedMessage([recipient(f.alice, gcm, oaep), recipient(f.bob, gcm, oaep)], `for ${who}`);
    expect(algorithm).toBe(gcm ? 'AES-256-GCM' : 'AES-256-CBC');
    const decrypted = opensslDecrypt(raw, f[who]);
    expect(decrypted).toContain('multipart/signed');
    expect(opensslVerifies(decrypted)).toContain(Buffer.from(`for ${who}`).toString('base64'));
  });
});

it('falls back to CBC when one recipient does not advertise GCM', () => {
  const { raw, algorithm } = encryptedMessage([recipient(f.alice, true, false), { certificate: f.bob.certificate, capabilities: null }], 'mixed');
  expect(algorithm).toBe('AES-256-CBC');
  expect(raw.toString('latin1')).toContain('smime-type=enveloped-data');
  expect(opensslDecrypt(raw, f.bob)).toContain('multipart/signed');
});

it('opens with openssl for an EC recipient when a ukm is sent', () => {
  const { raw } = encryptedMessage([recipient(f.bob, true, false)], 'with ukm', Buffer.from('user keying material 1234567890ab'));
  expect(opensslVerifies(opensslDecrypt(raw, f.bob))).toContain(Buffer.from('with ukm').toString('base64'));
});

it('encrypts to gpgsm with what its own signature advertises, and gpgsm opens it', async () => {
  // gpgsm 2.2 reads neither AuthEnvelopedData nor OAEP; its signatures say so, and Sealmail listens.
  const content = f.pki.path('gpgsm-signed.txt');
  writeFileSync(content, 'Content-Type: text/plain\r\n\r\nfrom gpgsm\r\n');
  const signature = gpgsm.runWithKey(['-u', f.alice.email, '--detach-sign', content]);
  const signedByGpgsm = Buffer.concat([
    Buffer.from('From: alice@example.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b\r\n\r\n--b\r\n'),
    Buffer.from('Content-Type: text/plain\r\n\r\nfrom gpgsm\r\n'),
    Buffer.from(`\r\n--b\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\n${signature.toString('base64')}\r\n--b--\r\n`),
  ]);
  const read = await f.read(signedByGpgsm);
  expect(read.verdict.signature.status).toBe('valid');
  const capabilities = read.verdict.signature.details?.capabilities ?? null;
  expect(capabilities).toEqual({ aesGcm: false, rsaOaep: false });

  const { raw, algorithm } = encryptedMessage([{ certificate: f.alice.certificate, capabilities }], 'for gpgsm');
  expect(algorithm).toBe('AES-256-CBC');
  const body = raw.toString('latin1').split('\r\n\r\n').slice(1).join('\r\n\r\n');
  const path = f.pki.path('for-gpgsm.p7m');
  writeFileSync(path, Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  const decrypted = gpgsm.runWithKey(['--decrypt', path]).toString('latin1');
  expect(decrypted).toContain('multipart/signed');
  expect(decrypted).toContain(Buffer.from('for gpgsm').toString('base64'));
});
