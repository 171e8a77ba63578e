/**
 * Item 4: PKCS#1 v1.5 key transport without Node's forbidden padding mode. A well-formed block
 * yields the key; a malformed one yields a deterministic synthetic key of the same length instead of
 * an error, so an attacker learns nothing from errors about the padding (Bleichenbacher/Marvin).
 */
import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPkcs1v15, unpad } from './cms/rsa-pkcs1-unpad';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function rawEncrypt(em: Buffer): Buffer {
  return publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, em);
}

function block(payload: Buffer, tweak: (em: Buffer) => void = () => {}): Buffer {
  const em = Buffer.alloc(256);
  em[1] = 2;
  const ps = 256 - 3 - payload.length;
  for (let i = 0; i < ps; i++) em[2 + i] = 1 + (i % 255);
  payload.copy(em, 3 + ps);
  tweak(em);
  return em;
}

describe('PKCS#1 v1.5 key transport', () => {
  it('recovers a key encrypted with standard PKCS#1 v1.5 padding', () => {
    const key = randomBytes(32);
    expect(decryptPkcs1v15(privateKey, publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, key), 32)).toEqual(key);
  });

  it.each([
    ['a wrong first byte', (em: Buffer) => { em[0] = 1; }],
    ['a wrong block type', (em: Buffer) => { em[1] = 1; }],
    ['no zero separator', (em: Buffer) => { for (let i = 2; i < em.length; i++) if (em[i] === 0) em[i] = 7; }],
    ['a padding string shorter than 8 bytes', (em: Buffer) => { em[5] = 0; }],
  ])('returns a synthetic key, not an error, for %s', (_name, tweak) => {
    const key = randomBytes(32);
    const ciphertext = rawEncrypt(block(key, tweak));
    const first = decryptPkcs1v15(privateKey, ciphertext, 32);
    expect(first).toHaveLength(32);
    expect(first).not.toEqual(key);
    // Deterministic: the same ciphertext always gives the same answer, so retries reveal nothing.
    expect(decryptPkcs1v15(privateKey, ciphertext, 32)).toEqual(first);
  });

  it('returns a synthetic key when the key inside has the wrong length', () => {
    const ciphertext = rawEncrypt(block(randomBytes(16)));
    const out = decryptPkcs1v15(privateKey, ciphertext, 32);
    expect(out).toHaveLength(32);
  });

  it('returns a synthetic key for a ciphertext of the wrong size', () => {
    expect(decryptPkcs1v15(privateKey, randomBytes(100), 24)).toHaveLength(24);
  });

  it('unpads by the constant-time path for a well-formed block', () => {
    const key = randomBytes(24);
    expect(unpad(block(key), 24, Buffer.alloc(24))).toEqual(key);
    expect(unpad(block(key, (em) => { em[1] = 3; }), 24, Buffer.alloc(24, 9))).toEqual(Buffer.alloc(24, 9));
  });
});
