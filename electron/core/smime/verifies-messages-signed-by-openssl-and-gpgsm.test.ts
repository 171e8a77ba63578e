/**
 * Item 2, interop inward: messages signed by `openssl cms` (detached and opaque, RSA and EC, CRLF
 * and LF line ends) and by `gpgsm` verify as valid, with the signer and signing time; SHA-1 is weak.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { wrapBase64 } from './mime/canonical';
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

const CONTENT = 'Content-Type: text/plain; charset=us-ascii\r\n\r\nSigned by a peer.\r\n';

function opensslSigned(identity: TestIdentity, extra: string[]): Buffer {
  const input = f.pki.path(`content-${Math.random()}.txt`);
  writeFileSync(input, CONTENT);
  const signed = openssl(['cms', '-sign', '-in', input, '-signer', identity.certPath, '-inkey', identity.keyPath, '-certfile', f.ca.certPath, ...extra]);
  return Buffer.concat([Buffer.from(`From: ${identity.email}\r\nTo: carol@example.test\r\nSubject: peer\r\n`), signed]);
}

describe.each(['alice', 'bob'] as const)('signed by openssl cms for %s', (who) => {
  it('is valid as multipart/signed with CRLF line ends', async () => {
    const result = await f.read(opensslSigned(f[who], ['-md', 'sha256', '-crlfeol']));
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { email: `${who}@example.test`, validation: 'trusted-revocation-unknown' } });
    expect(result.verdict.signature.details?.signingTime).not.toBeNull();
    expect(result.text).toBe('Signed by a peer.\n');
  });

  it('is valid as multipart/signed saved with Unix line ends', async () => {
    const result = await f.read(opensslSigned(f[who], ['-md', 'sha256']));
    expect(result.verdict.signature.status).toBe('valid');
  });

  it('is valid as opaque signed-data (application/pkcs7-mime)', async () => {
    const result = await f.read(opensslSigned(f[who], ['-md', 'sha256', '-nodetach', '-crlfeol']));
    expect(result.verdict.signature.status).toBe('valid');
    expect(result.text).toBe('Signed by a peer.\n');
  });

  it('is weak, not valid, when signed with SHA-1', async () => {
    const result = await f.read(opensslSigned(f[who], ['-md', 'sha1', '-crlfeol']));
    expect(result.verdict.signature.status).toBe('weak');
    expect(result.verdict.signature.reason).toMatch(/SHA1.*forged/);
  });
});

it('is valid when openssl signs with RSA-PSS', async () => {
  const result = await f.read(opensslSigned(f.alice, ['-md', 'sha256', '-crlfeol', '-keyopt', 'rsa_padding_mode:pss']));
  expect(result.verdict.signature.status).toBe('valid');
  expect(result.verdict.signature.details?.signatureAlgorithm).toMatch(/PSS/);
});

describe('signed by gpgsm', () => {
  it.each([
    { key: 'RSA', email: 'alice@example.test' },
    { key: 'ECDSA P-256', email: 'dora@example.test' },
  ])('is valid as multipart/signed ($key)', async ({ key, email }) => {
    if (key !== 'RSA') gpgsm.createAgentEcIdentity(f.ca, email);
    const input = f.pki.path('gpgsm-content.txt');
    writeFileSync(input, CONTENT);
    const signature = key === 'RSA' ? gpgsm.runWithKey(['-u', email, '--detach-sign', input]) : gpgsm.run(['--pinentry-mode', 'loopback', '--passphrase', '', '-u', email, '--detach-sign', input]);
    const boundary = 'gpgsm-boundary';
    const message = Buffer.from([
      `From: ${email}`, 'To: carol@example.test', 'Subject: from gpgsm', 'MIME-Version: 1.0',
      `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="${boundary}"`, '',
      `--${boundary}`, CONTENT, `--${boundary}`,
      'Content-Type: application/pkcs7-signature', 'Content-Transfer-Encoding: base64', '', wrapBase64(signature),
      `--${boundary}--`, '',
    ].join('\r\n'));
    const result = await f.read(message);
    expect(result.verdict.signature).toMatchObject({ status: 'valid', signer: { email } });
    expect(result.verdict.signature.details?.digestAlgorithm).toBe('SHA-256');
    expect(result.verdict.signature.details?.signatureAlgorithm).toMatch(key === 'RSA' ? /^RSA 2048/ : /^ECDSA prime256v1/);
  });
});

describe('signed by Sealmail', () => {
  it.each(['alice', 'bob'] as const)('is valid for %s with the advertised capabilities', async (who) => {
    const result = await f.read(f.signedMessage(f[who], 'round trip'));
    expect(result.verdict.signature.status).toBe('valid');
    expect(result.verdict.signature.details?.capabilities).toEqual({ aesGcm: true, rsaOaep: true });
    expect(result.text).toBe('round trip');
  });
});
