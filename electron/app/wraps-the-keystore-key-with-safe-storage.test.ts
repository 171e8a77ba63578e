import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

// The real module is never loaded: electron has no binary here, and only types are imported.
vi.mock('electron', () => ({}));

import { openSafeStorageKeyWrapper, type SafeStorageKeyPort } from './safe-storage-key-wrapper';

function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageKeyPort & { seen: string[] } {
  const key = randomBytes(32);
  const seen: string[] = [];
  return {
    seen,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => (options.backend ?? 'gnome_libsecret') as never,
    encryptStringAsync: async (plain) => {
      seen.push(plain);
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptStringAsync: async (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return { result: Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'), shouldReEncrypt: false };
    },
  };
}

describe('safeStorage key wrapper', () => {
  it('wraps the data key into ciphertext and unwraps it again', async () => {
    const safeStorage = fakeSafeStorage();
    const wrapper = (await openSafeStorageKeyWrapper(safeStorage))!;
    const dataKey = randomBytes(32);
    const wrapped = await wrapper.wrap(dataKey);
    expect(Buffer.from(wrapped).includes(dataKey)).toBe(false);
    expect(Buffer.from(wrapped).toString('latin1')).not.toContain(dataKey.toString('base64'));
    expect(Buffer.from(await wrapper.unwrap(wrapped)).equals(dataKey)).toBe(true);
  });

  it('gives no wrapper without OS encryption, or with the basic_text backend', async () => {
    expect(await openSafeStorageKeyWrapper(fakeSafeStorage({ available: false }))).toBeNull();
    expect(await openSafeStorageKeyWrapper(fakeSafeStorage({ backend: 'basic_text' }))).toBeNull();
  });

  it('refuses what another keychain key produced', async () => {
    const wrapped = await (await openSafeStorageKeyWrapper(fakeSafeStorage()))!.wrap(randomBytes(32));
    await expect((await openSafeStorageKeyWrapper(fakeSafeStorage()))!.unwrap(wrapped)).rejects.toThrow();
  });
});
