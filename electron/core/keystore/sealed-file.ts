/**
 * The keystore file: the data encrypted with AES-256-GCM under a random 256-bit data key, and that
 * key wrapped once per way of opening it (the OS keychain, a passphrase). Written atomically
 * (temporary file, fsync, rename) so a crash leaves the old file or the new, never a mix.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { PassphraseWrappedKey } from './passphrase-wrap';

export interface KeychainWrappedKey {
  kind: 'os-keychain';
  wrapped: string;
}

export type WrappedKey = PassphraseWrappedKey | KeychainWrappedKey;

export interface SealedFile {
  format: 'sealmail-keystore';
  version: 1;
  keys: WrappedKey[];
  payload: { iv: string; tag: string; ciphertext: string };
}

const AAD = Buffer.from('sealmail keystore payload v1');

export function seal(dataKey: Uint8Array, keys: WrappedKey[], plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv).setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const file: SealedFile = {
    format: 'sealmail-keystore',
    version: 1,
    keys,
    payload: { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') },
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** Decrypts the payload; throws when the key is not the one it was sealed with or the file was altered. */
export function unseal(dataKey: Uint8Array, file: SealedFile): string {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(file.payload.iv, 'base64')).setAAD(AAD);
  decipher.setAuthTag(Buffer.from(file.payload.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(file.payload.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}

/** The parsed file, null when there is none yet; throws 'damaged' for anything unreadable. */
export async function readSealedFile(path: string): Promise<SealedFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DamagedKeystoreError();
  }
  if (!isSealedFile(parsed)) throw new DamagedKeystoreError();
  return parsed;
}

export class DamagedKeystoreError extends Error {
  constructor() {
    super('the keystore file is damaged');
  }
}

function isSealedFile(value: unknown): value is SealedFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  const payload = file.payload as Record<string, unknown> | undefined;
  return (
    file.format === 'sealmail-keystore' &&
    file.version === 1 &&
    Array.isArray(file.keys) &&
    file.keys.every((k) => typeof k === 'object' && k !== null && ((k as WrappedKey).kind === 'passphrase' || (k as WrappedKey).kind === 'os-keychain')) &&
    typeof payload === 'object' &&
    payload !== null &&
    typeof payload.iv === 'string' &&
    typeof payload.tag === 'string' &&
    typeof payload.ciphertext === 'string'
  );
}
