/**
 * The keystore's KeyWrapper backed by Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet):
 * the keystore's random data key is encrypted with a key the OS keeps for this user. Refuses to
 * exist where safeStorage cannot really encrypt, so the core falls back to a passphrase instead.
 */
import type { SafeStorage } from 'electron';
import type { KeyWrapper } from '../core/keystore/key-wrapper';

export type SafeStorageKeyPort = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * A KeyWrapper over safeStorage, or null when the OS offers no real keychain (then the keystore
 * uses a passphrase). Call after the app's 'ready' event.
 */
export async function openSafeStorageKeyWrapper(safeStorage: SafeStorageKeyPort): Promise<KeyWrapper | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  // 'basic_text' on Linux means a key built into Chromium: no protection at all, so no.
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    kind: 'os-keychain',
    // safeStorage takes strings; the key goes in as base64 and comes back the same way.
    async wrap(dataKey) {
      return safeStorage.encryptStringAsync(Buffer.from(dataKey).toString('base64'));
    },
    async unwrap(wrapped) {
      const { result } = await safeStorage.decryptStringAsync(Buffer.from(wrapped));
      const key = Buffer.from(result, 'base64');
      if (key.length !== 32) throw new Error('the keychain returned something other than a keystore key');
      return key;
    },
  };
}
