/**
 * Issue 14 item 5(b): a message whose RSA-OAEP key transport carries a label (RFC 8017 §7.1,
 * RFC 4055 pSourceFunc id-pSpecified), as `openssl cms -keyopt rsa_oaep_label:` makes it, opens;
 * Thunderbird's corpus (test_smime_decrypt.js, "oaep label") expects it to.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { keyDecryptor } from './decrypt-envelope';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import { openssl } from './testing/test-pki';

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 60_000);
afterAll(() => f.cleanup());

const INNER = 'Content-Type: text/plain; charset=utf-8\r\n\r\nThe labelled plan.\r\n';

it.each([
  { hash: 'sha1', label: '6c6162656c' },
  { hash: 'sha256', label: '0123456789abcdef' },
])('opens OAEP-$hash with the label $label from openssl', async ({ hash, label }) => {
  const input = f.pki.path(`label-${hash}.txt`);
  writeFileSync(input, INNER);
  // OpenSSL 3 takes the label as hex.
  const encrypted = openssl(['cms', '-encrypt', '-aes256', '-in', input, '-recip', f.alice.certPath,
    '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', `rsa_oaep_md:${hash}`, '-keyopt', `rsa_oaep_label:${label}`]);
  expect(openssl(['cms', '-cmsout', '-print'], encrypted).toString()).toContain('pSpecified');
  const raw = Buffer.concat([Buffer.from('From: carol@example.test\r\nTo: alice@example.test\r\nSubject: labelled\r\n'), encrypted]);
  const result = await f.read(raw, { decryptor: keyDecryptor(() => [{ certificate: f.alice.certificate, key: f.alice.key }]) });
  expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', algorithm: 'AES-256-CBC' });
  expect(result.text).toBe('The labelled plan.\n');
});
