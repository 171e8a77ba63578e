/** A keystore in a fresh temporary folder, for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../ports';
import type { KeyWrapper } from '../key-wrapper';
import { KEYSTORE_FILE_NAME, KeystoreService } from '../keystore-service';

export const PASSPHRASE = 'correct horse battery';

export interface KeystoreFixture {
  dir: string;
  path: string;
  open(options?: { clock?: Clock; keyWrapper?: KeyWrapper; writeFile?: (path: string, data: string) => Promise<void> }): KeystoreService;
  cleanup(): void;
}

export function makeKeystoreFixture(): KeystoreFixture {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-keystore-'));
  const path = join(dir, KEYSTORE_FILE_NAME);
  return {
    dir,
    path,
    open: (options = {}) => new KeystoreService({ path, ...options }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}

/** Stand-in for safeStorage: a real cipher under a key held in memory, like the OS keychain. */
export async function fakeKeyWrapper(): Promise<KeyWrapper & { broken: boolean }> {
  const { createCipheriv, createDecipheriv, randomBytes } = await import('node:crypto');
  const key = randomBytes(32);
  const wrapper = {
    kind: 'os-keychain' as const,
    broken: false,
    async wrap(dataKey: Uint8Array) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async unwrap(wrapped: Uint8Array) {
      if (wrapper.broken) throw new Error('keychain reset');
      const data = Buffer.from(wrapped);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]);
    },
  };
  return wrapper;
}
