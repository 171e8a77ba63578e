/**
 * The OAEP decoder for a label hash apart from the MGF1 hash (RFC 8017 §7.1.2) opens what Node
 * seals with matching hashes and refuses, with one and the same error, a wrong label, a wrong MGF1
 * hash and an altered ciphertext (no padding oracle in the message).
 */
import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { decryptOaep } from './rsa-oaep-decode';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const secret = randomBytes(32);
const label = Buffer.from('a label');
const sealed = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, secret);

it('opens OAEP with the hashes and label it was sealed with', () => {
  expect(decryptOaep(privateKey, sealed, 'sha256', 'sha256', label)).toEqual(secret);
});

it('refuses a wrong label, a wrong MGF1 hash and an altered ciphertext alike', () => {
  const altered = Buffer.from(sealed);
  altered[100]! ^= 1;
  const errors = [
    () => decryptOaep(privateKey, sealed, 'sha256', 'sha256', Buffer.from('another')),
    () => decryptOaep(privateKey, sealed, 'sha256', 'sha1', label),
    () => decryptOaep(privateKey, altered, 'sha256', 'sha256', label),
  ].map((attempt) => {
    try {
      attempt();
      return 'opened';
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(errors).toEqual(Array(3).fill('the message could not be decrypted with your key'));
});
