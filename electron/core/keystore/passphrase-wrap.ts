/**
 * Wraps the keystore's data key under a passphrase where no OS keychain exists (CLI, dev server,
 * a Linux desktop without a keyring): scrypt (N = 2^15 at least) derives a key-encryption key,
 * AES-256-GCM seals the data key with it, so a wrong passphrase fails authentication, never decrypts.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

export interface PassphraseWrappedKey {
  kind: 'passphrase';
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  wrapped: string;
}

export const MIN_SCRYPT_N = 2 ** 15;
const MAX_SCRYPT_N = 2 ** 20;
const AAD = Buffer.from('sealmail keystore data key v1');

/** Seals `dataKey` under `passphrase` with fresh salt and IV. */
export async function wrapWithPassphrase(dataKey: Uint8Array, passphrase: string, N = MIN_SCRYPT_N): Promise<PassphraseWrappedKey> {
  if (N < MIN_SCRYPT_N) throw new Error(`scrypt N must be at least ${MIN_SCRYPT_N}`);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await derive(passphrase, salt, N, 8, 1);
  const cipher = createCipheriv('aes-256-gcm', kek, iv).setAAD(AAD);
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { kind: 'passphrase', kdf: 'scrypt', N, r: 8, p: 1, salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), wrapped: b64(wrapped) };
}

/** Opens a wrapped data key; returns null when the passphrase is wrong. */
export async function unwrapWithPassphrase(entry: PassphraseWrappedKey, passphrase: string): Promise<Buffer | null> {
  if (entry.N < MIN_SCRYPT_N || entry.N > MAX_SCRYPT_N || entry.r < 1 || entry.r > 32 || entry.p < 1 || entry.p > 16) {
    // Parameters outside these bounds are a damaged or tampered file, not a weaker setting to honour.
    throw new Error('the keystore names scrypt parameters outside the accepted range');
  }
  const kek = await derive(passphrase, Buffer.from(entry.salt, 'base64'), entry.N, entry.r, entry.p);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(entry.iv, 'base64')).setAAD(AAD);
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(entry.wrapped, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

function derive(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem: scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is exactly too small at N = 2^15.
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
