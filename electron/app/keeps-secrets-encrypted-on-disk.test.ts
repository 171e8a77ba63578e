import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptionUnavailableError, openSafeStorageSecretStore, SECRETS_FILE_NAME, type SafeStoragePort } from './safe-storage-secrets';

/**
 * A stand-in for the OS keychain: a real cipher (AES-256-GCM under a per-test key) so the bytes
 * on disk are genuine ciphertext, with the same async surface as Electron's safeStorage.
 */
async function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}) {
  const { createCipheriv, createDecipheriv, randomBytes } = await import('node:crypto');
  const key = randomBytes(32);
  const port: SafeStoragePort & { reEncrypt: boolean } = {
    reEncrypt: false,
    isAsyncEncryptionAvailable: async () => options.available ?? true,
    getSelectedStorageBackend: () => (options.backend ?? 'gnome_libsecret') as never,
    encryptStringAsync: async (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptStringAsync: async (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      const result = Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: port.reEncrypt };
    },
  };
  return port;
}

const PASSWORD = 'correct horse battery staple';

describe('safeStorage secret store', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealmail-secrets-'));
    file = join(dir, SECRETS_FILE_NAME);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('gives back what was stored, also after a restart', async () => {
    const safeStorage = await fakeSafeStorage();
    const store = await openSafeStorageSecretStore(safeStorage, file);
    await store.set('account:a1', PASSWORD);
    await expect(store.get('account:a1')).resolves.toBe(PASSWORD);
    await expect(store.get('account:unknown')).resolves.toBeNull();

    const reopened = await openSafeStorageSecretStore(safeStorage, file);
    await expect(reopened.get('account:a1')).resolves.toBe(PASSWORD);
    await reopened.delete('account:a1');
    await expect((await openSafeStorageSecretStore(safeStorage, file)).get('account:a1')).resolves.toBeNull();
  });

  it('never writes the secret in clear, in any encoding, and leaves no temporary files', async () => {
    const store = await openSafeStorageSecretStore(await fakeSafeStorage(), file);
    await store.set('account:a1', PASSWORD);
    await store.set('account:a2', 'p\u00e4ssw\u00f6rd-2');
    const raw = await readFile(file);
    for (const secret of [PASSWORD, 'p\u00e4ssw\u00f6rd-2']) {
      expect(raw.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(raw.toString('utf8')).not.toContain(Buffer.from(secret, 'utf8').toString('base64'));
      expect(raw.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
    }
    expect(await readdir(dir)).toEqual([SECRETS_FILE_NAME]);
    expect(JSON.parse(raw.toString('utf8'))).toMatchObject({ version: 1, secrets: { 'account:a1': expect.any(String) } });
  });

  it('keeps every one of many concurrent writes', async () => {
    const store = await openSafeStorageSecretStore(await fakeSafeStorage(), file);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const reopened = await openSafeStorageSecretStore(await fakeSafeStorage(), file);
    // A different key cannot decrypt, but all twenty entries must be on disk.
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { secrets: Record<string, string> };
    expect(Object.keys(onDisk.secrets)).toHaveLength(20);
    await expect(reopened.get('k3')).resolves.toBeNull();
  });

  it('refuses to open without OS encryption', async () => {
    await expect(openSafeStorageSecretStore(await fakeSafeStorage({ available: false }), file)).rejects.toBeInstanceOf(
      EncryptionUnavailableError,
    );
  });

  it("refuses Linux's basic_text backend, whose key is built into Chromium", async () => {
    await expect(openSafeStorageSecretStore(await fakeSafeStorage({ backend: 'basic_text' }), file)).rejects.toThrow(/keyring/);
  });

  it('re-encrypts when the keychain asks for it', async () => {
    const safeStorage = await fakeSafeStorage();
    const store = await openSafeStorageSecretStore(safeStorage, file);
    await store.set('k', PASSWORD);
    const before = await readFile(file, 'utf8');
    safeStorage.reEncrypt = true;
    await expect(store.get('k')).resolves.toBe(PASSWORD);
    expect(await readFile(file, 'utf8')).not.toBe(before);
  });

  it('refuses a damaged file instead of overwriting it', async () => {
    await writeFile(file, '{ not json');
    const store = await openSafeStorageSecretStore(await fakeSafeStorage(), file);
    await expect(store.get('k')).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    await expect(store.set('k', PASSWORD)).rejects.toMatchObject({ code: 'STORAGE_FAILED' });
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});
