/**
 * Account passwords kept with the OS keychain's help: each secret is encrypted by Electron's
 * safeStorage (Keychain, DPAPI, libsecret/kwallet) and only its ciphertext, base64, is written to
 * a JSON file in the profile. Without a real keychain this store refuses to exist, and the caller
 * falls back to memory: a password is asked again rather than ever stored in clear.
 */
import { readFile } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import { SealmailError } from '../../shared/errors';
import type { SecretStore } from '../core/ports';
import { writeFileAtomic } from '../core/storage/atomic-write';

export type SafeStoragePort = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

export const SECRETS_FILE_NAME = 'secrets.json';

interface SecretsFile {
  version: 1;
  /** key -> base64 of the safeStorage ciphertext */
  secrets: Record<string, string>;
}

/** Thrown when the OS offers no keychain; the caller should keep secrets in memory instead. */
export class EncryptionUnavailableError extends Error {
  constructor(reason: string) {
    super(`The operating system's keychain is not available (${reason}); Sealmail will not store passwords on disk.`);
    this.name = 'EncryptionUnavailableError';
  }
}

/**
 * Opens the safeStorage-backed secret store persisted at `filePath`. Call after the app's 'ready'
 * event: before it, safeStorage reports no encryption on Linux and Windows.
 *
 * @throws EncryptionUnavailableError when safeStorage cannot encrypt, or on Linux would only
 *   obfuscate with a hard-coded key ('basic_text', no keyring running)
 */
export async function openSafeStorageSecretStore(safeStorage: SafeStoragePort, filePath: string): Promise<SecretStore> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) throw new EncryptionUnavailableError('safeStorage cannot encrypt');
  const backend = safeStorage.getSelectedStorageBackend?.();
  if (backend === 'basic_text') throw new EncryptionUnavailableError('no keyring is running, only a fixed built-in key');
  return new SafeStorageSecretStore(safeStorage, filePath);
}

class SafeStorageSecretStore implements SecretStore {
  private cache: Promise<Map<string, string>> | null = null;
  /** Serialises writes so two concurrent set() calls cannot lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safeStorage: SafeStoragePort,
    private readonly filePath: string,
  ) {}

  async get(key: string): Promise<string | null> {
    const stored = (await this.load()).get(key);
    if (stored === undefined) return null;
    try {
      const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'));
      if (shouldReEncrypt) await this.set(key, result).catch(() => undefined);
      return result;
    } catch {
      // The keychain key changed or was reset: the old ciphertext is unreadable, so the password
      // counts as unknown and the user is asked again. The entry stays in case the keychain returns.
      return null;
    }
  }

  async set(key: string, value: string): Promise<void> {
    const ciphertext = await this.safeStorage.encryptStringAsync(value);
    await this.mutate((secrets) => secrets.set(key, Buffer.from(ciphertext).toString('base64')));
  }

  async delete(key: string): Promise<void> {
    await this.mutate((secrets) => secrets.delete(key));
  }

  private mutate(change: (secrets: Map<string, string>) => void): Promise<void> {
    const run = this.queue.then(async () => {
      const secrets = await this.load();
      const next = new Map(secrets);
      change(next);
      const file: SecretsFile = { version: 1, secrets: Object.fromEntries(next) };
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`, 0o600);
      // The cache changes only once the file did, so memory never claims what disk lacks.
      this.cache = Promise.resolve(next);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(): Promise<Map<string, string>> {
    this.cache ??= readSecretsFile(this.filePath).catch((error: unknown) => {
      this.cache = null;
      throw error;
    });
    return this.cache;
  }
}

async function readSecretsFile(filePath: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new SealmailError('STORAGE_FAILED', 'Sealmail could not read its saved passwords.', { cause: error });
  }
  const parsed: unknown = (() => {
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  })();
  if (!isSecretsFile(parsed)) {
    // Refuse rather than start empty: the next save would overwrite the user's stored passwords.
    throw new SealmailError('STORAGE_FAILED', `Sealmail's password file ${SECRETS_FILE_NAME} is damaged; move it aside to start afresh.`);
  }
  return new Map(Object.entries(parsed.secrets));
}

function isSecretsFile(value: unknown): value is SecretsFile {
  if (typeof value !== 'object' || value === null) return false;
  const { version, secrets } = value as Record<string, unknown>;
  if (version !== 1 || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) return false;
  return Object.values(secrets).every((entry) => typeof entry === 'string');
}
