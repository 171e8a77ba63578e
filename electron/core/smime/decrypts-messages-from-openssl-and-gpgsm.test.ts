/**
 * Item 4, interop inward: messages encrypted by `openssl cms -encrypt` (AES-256-GCM, AES-256-CBC,
 * AES-128-CBC, 3DES; RSA PKCS#1 v1.5, RSA OAEP, ECDH) and by `gpgsm --encrypt` open in Sealmail;
 * ECDH with a ukm too; a message for someone else says so; sign-then-encrypt shows both verdicts.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyDecryptor } from './decrypt-envelope';
import { encryptEntity } from './encrypt-entity';
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
  gpgsm.importCertificate(f.alice);
  gpgsm.importCertificate(f.bob);
});

const INNER = 'Content-Type: text/plain; charset=utf-8\r\n\r\nThe secret plan.\r\n';
const HEADERS = 'From: carol@example.test\r\nTo: alice@example.test, bob@example.test\r\nSubject: secret\r\n';

const readAs = (raw: Buffer, identity: TestIdentity) =>
  f.read(raw, { decryptor: keyDecryptor(() => [{ certificate: identity.certificate, key: identity.key }]) });

function opensslEncrypt(recipients: TestIdentity[], options: string[]): Buffer {
  const input = f.pki.path(`plain-${Math.random()}.txt`);
  writeFileSync(input, INNER);
  const args = ['cms', '-encrypt', '-in', input, ...options];
  for (const r of recipients) args.push('-recip', r.certPath, ...(options.includes('OAEP') ? [] : []));
  return Buffer.concat([Buffer.from(HEADERS), openssl(args)]);
}

describe.each([
  { cipher: '-aes-256-gcm', name: 'AES-256-GCM', integrity: true },
  { cipher: '-aes256', name: 'AES-256-CBC', integrity: false },
  { cipher: '-aes128', name: 'AES-128-CBC', integrity: false },
  { cipher: '-des3', name: '3DES-CBC', integrity: false },
])('encrypted by openssl cms with $name', ({ cipher, name, integrity }) => {
  it.each(['alice', 'bob'] as const)('opens for %s', async (who) => {
    const result = await readAs(opensslEncrypt([f.alice, f.bob], [cipher]), f[who]);
    expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', algorithm: name, integrityProtected: integrity });
    expect(result.text).toBe('The secret plan.\n');
  });
});

it('opens RSA OAEP (SHA-256) key transport from openssl', async () => {
  const input = f.pki.path('oaep.txt');
  writeFileSync(input, INNER);
  const encrypted = openssl(['cms', '-encrypt', '-aes256', '-in', input, '-recip', f.alice.certPath, '-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256']);
  const raw = Buffer.concat([Buffer.from(HEADERS), encrypted]);
  expect(openssl(['cms', '-cmsout', '-print'], encrypted).toString()).toContain('rsaesOaep');
  const result = await readAs(raw, f.alice);
  expect(result.verdict.encryption.status).toBe('decrypted');
  expect(result.text).toBe('The secret plan.\n');
});

it('opens RSA OAEP with the SHA-1 defaults from openssl', async () => {
  const input = f.pki.path('oaep1.txt');
  writeFileSync(input, INNER);
  const encrypted = openssl(['cms', '-encrypt', '-aes256', '-in', input, '-recip', f.alice.certPath, '-keyopt', 'rsa_padding_mode:oaep']);
  const result = await readAs(Buffer.concat([Buffer.from(HEADERS), encrypted]), f.alice);
  expect(result.verdict.encryption.status).toBe('decrypted');
});

it('opens ECDH with a ukm and without one', async () => {
  for (const ukm of [Buffer.from('0123456789abcdef0123456789abcdef'), undefined]) {
    const { entity } = encryptEntity(Buffer.from(INNER), [{ certificate: f.bob.certificate, capabilities: null }], ukm ? { ukm } : {});
    const raw = Buffer.concat([Buffer.from(HEADERS), entity]);
    const dump = openssl(['cms', '-cmsout', '-print'], Buffer.concat([Buffer.from('MIME-Version: 1.0\r\n'), entity])).toString();
    expect(dump.includes('ukm: <ABSENT>')).toBe(!ukm);
    const result = await readAs(raw, f.bob);
    expect(result.verdict.encryption.status).toBe('decrypted');
    expect(result.text).toBe('The secret plan.\n');
  }
});

it.each(['alice', 'bob'] as const)('opens what gpgsm encrypted to %s', async (who) => {
  const input = f.pki.path(`gpgsm-plain-${who}.txt`);
  writeFileSync(input, INNER);
  let der: Buffer;
  try {
    der = gpgsm.run(['--encrypt', '-r', f[who].email, input]);
  } catch (error) {
    // gpgsm 2.2 cannot encrypt to EC certificates (ECDH came with GnuPG 2.3): nothing to open.
    expect(who).toBe('bob');
    expect(String((error as { stderr?: Buffer }).stderr)).toMatch(/not supported|unusable|Unsupported|wrong/i);
    return;
  }
  const raw = Buffer.from(`${HEADERS}MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\nContent-Transfer-Encoding: base64\r\n\r\n${der.toString('base64')}\r\n`);
  const result = await readAs(raw, f[who]);
  expect(result.verdict.encryption.status).toBe('decrypted');
  expect(result.text).toBe('The secret plan.\n');
});

it('says not-a-recipient when the message was for someone else', async () => {
  const carol = f.pki.issue(f.ca, 'carol@example.test');
  const result = await readAs(opensslEncrypt([f.alice], ['-aes256']), carol);
  expect(result.verdict.encryption.status).toBe('not-a-recipient');
  expect(result.verdict.encryption.reason).toMatch(/not encrypted to any of your certificates/);
  expect(result.text).toBe('');
});

it('shows the signature inside a signed-then-encrypted message from Sealmail', async () => {
  const signed = signEntity(textEntity('signed and sealed'), f.signer(f.alice), f.clock);
  const { entity } = encryptEntity(signed, [
    { certificate: f.bob.certificate, capabilities: { aesGcm: false, rsaOaep: false } },
    { certificate: f.alice.certificate, capabilities: { aesGcm: false, rsaOaep: false } },
  ]);
  const raw = withMessageHeaders(entity, { from: f.alice.email, to: [f.bob.email], subject: 's', date: f.now });
  for (const who of [f.bob, f.alice]) {
    const result = await readAs(raw, who);
    expect(result.verdict.signature.status).toBe('valid');
    // CBC alone is malleable, but the valid signature inside protects the content.
    expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', algorithm: 'AES-256-CBC', integrityProtected: true });
    expect(result.text).toBe('signed and sealed');
  }
});
