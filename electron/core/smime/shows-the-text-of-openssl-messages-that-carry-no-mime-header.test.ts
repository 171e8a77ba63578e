/**
 * Issue 14 item 5(c), after Thunderbird's corpus (test_smime_decrypt.js: OAEP SHA-1, SHA-256 hash,
 * SHA-256 hash and MGF, ECDH AES-128/SHA-256 and AES-256/SHA-512): `openssl cms -encrypt -in
 * plain.txt` without -text wraps a plain text body, not a MIME entity, and its text is still what
 * the message shows; so is an opaque signature's plain eContent. A body after an empty line is a
 * MIME entity with no header, and a real MIME entity is read as before.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDecryptor } from './decrypt-envelope';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import { openssl, type TestIdentity } from './testing/test-pki';

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 60_000);
afterAll(() => f.cleanup());

const HEADERS = 'From: carol@example.test\r\nTo: alice@example.test, bob@example.test\r\nSubject: plain\r\n';
const PLAIN = 'The plan, without any header.\nSecond line: still text.\n';
// openssl cms without -binary writes CRLF line ends; the text shown has LF.
const SHOWN = PLAIN;

function encryptFile(content: string, recipient: TestIdentity, options: string[]): Buffer {
  const input = f.pki.path(`plain-${Math.random()}.txt`);
  writeFileSync(input, content);
  return Buffer.concat([Buffer.from(HEADERS), openssl(['cms', '-encrypt', '-in', input, '-recip', recipient.certPath, ...options])]);
}

const readAs = (raw: Buffer, identity: TestIdentity) =>
  f.read(raw, { decryptor: keyDecryptor(() => [{ certificate: identity.certificate, key: identity.key }]) });

describe.each([
  { name: 'RSA-OAEP SHA-1', who: 'alice' as const, options: ['-aes256', '-keyopt', 'rsa_padding_mode:oaep'] },
  { name: 'RSA-OAEP SHA-256 hash, MGF1 SHA-1', who: 'alice' as const, options: ['-aes256', '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-keyopt', 'rsa_mgf1_md:sha1'] },
  { name: 'RSA-OAEP SHA-256 hash and MGF1', who: 'alice' as const, options: ['-aes256', '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-keyopt', 'rsa_mgf1_md:sha256'] },
  { name: 'ECDH AES-128, KDF SHA-256', who: 'bob' as const, options: ['-aes128', '-keyopt', 'ecdh_kdf_md:sha256'] },
  { name: 'ECDH AES-256, KDF SHA-512', who: 'bob' as const, options: ['-aes256', '-keyopt', 'ecdh_kdf_md:sha512'] },
])('openssl cms -encrypt of a plain text file with $name', ({ who, options }) => {
  it('decrypts and shows the text', async () => {
    const result = await readAs(encryptFile(PLAIN, f[who], options), f[who]);
    expect(result.verdict.encryption.status).toBe('decrypted');
    expect(result.displayed?.mediaType).toBe('text/plain');
    expect(result.text).toBe(SHOWN);
  });
});

it('shows a body that starts with an empty line as a MIME entity with no header', async () => {
  const result = await readAs(encryptFile('\nAfter an empty line.\n', f.alice, ['-aes256']), f.alice);
  expect(result.displayed).toMatchObject({ mediaType: 'text/plain', headers: [] });
  expect(result.text).toBe('After an empty line.\n');
});

it('reads a real MIME entity as before', async () => {
  const entity = 'Content-Type: text/html; charset=utf-8\n\n<p>Hello <b>there</b></p>\n';
  const result = await readAs(encryptFile(entity, f.alice, ['-aes256']), f.alice);
  expect(result.displayed?.mediaType).toBe('text/html');
  expect(result.text.trim()).toBe('Hello there');
});

it('shows the plain text of an opaque signature whose content has no header', async () => {
  const input = f.pki.path('opaque-plain.txt');
  writeFileSync(input, PLAIN);
  const signed = openssl(['cms', '-sign', '-nodetach', '-in', input, '-signer', f.alice.certPath, '-inkey', f.alice.keyPath, '-md', 'sha256']);
  const result = await f.read(Buffer.concat([Buffer.from('From: alice@example.test\r\nTo: carol@example.test\r\nSubject: plain\r\n'), signed]));
  expect(result.verdict.signature.status).toBe('valid');
  expect(result.text).toBe(SHOWN);
});
