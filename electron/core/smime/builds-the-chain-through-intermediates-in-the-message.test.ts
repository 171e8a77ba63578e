/**
 * Item 2, chain building: a signer under an intermediate CA is valid when the message carries the
 * intermediate (Sealmail's own signatures include their chain), untrusted when the link is missing,
 * and openssl verifies what Sealmail signs with such a chain against the root alone.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textEntity, withMessageHeaders } from './mime/compose-entity';
import { signEntity } from './sign-entity';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';
import { openssl, type TestCa, type TestIdentity } from './testing/test-pki';

let f: SmimeFixture;
let intermediate: TestCa;
let lena: TestIdentity;
beforeAll(() => {
  f = createSmimeFixture();
  intermediate = f.pki.createIntermediate(f.ca, 'mail-ca');
  lena = f.pki.issue(intermediate, 'lena@example.test', { keyType: 'ec' });
}, 120_000);
afterAll(() => f.cleanup());

function signedByLena(chain: TestCa[]): Buffer {
  const entity = signEntity(textEntity('through the middle'), { key: lena.key, certificate: lena.certificate, chain: chain.map((ca) => ca.certificate) }, f.clock);
  return withMessageHeaders(entity, { from: lena.email, to: ['carol@example.test'], subject: 'chain', date: f.now });
}

describe('a signer under an intermediate CA', () => {
  it('is valid when the message carries the intermediate, with the whole chain in the details', async () => {
    const result = await f.read(signedByLena([intermediate]));
    expect(result.verdict.signature.status).toBe('valid');
    expect(result.verdict.signature.details?.chain.map((c) => c.subject)).toEqual([
      expect.stringContaining('lena'), expect.stringContaining('mail-ca'), expect.stringContaining('Sealmail Test CA'),
    ]);
  });

  it('is untrusted when the intermediate is missing', async () => {
    const result = await f.read(signedByLena([]));
    expect(result.verdict.signature.status).toBe('untrusted');
  });

  it('verifies with openssl against the root alone', () => {
    const path = f.pki.path('lena.eml');
    writeFileSync(path, signedByLena([intermediate, f.ca]));
    expect(openssl(['cms', '-verify', '-in', path, '-CAfile', f.ca.certPath, '-purpose', 'smimesign']).toString()).toContain('text/plain');
  });
});
