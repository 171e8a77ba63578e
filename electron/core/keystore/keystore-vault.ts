/**
 * Locking, unlocking and persisting the keystore file. The data lives in memory only while unlocked;
 * every change is sealed and written atomically before memory follows, so a refused or failed write
 * leaves disk and memory as they were.
 */
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { SealmailError } from '../../../shared/errors';
import { writeFileAtomic } from '../storage/atomic-write';
import type { KeyWrapper } from './key-wrapper';
import { emptyKeystoreData, isKeystoreData, type KeystoreData } from './keystore-data';
import { unwrapWithPassphrase, wrapWithPassphrase, type PassphraseWrappedKey } from './passphrase-wrap';
import { DamagedKeystoreError, readSealedFile, seal, unseal, type SealedFile, type WrappedKey } from './sealed-file';

export type KeystoreState = 'missing' | 'locked' | 'unlocked';
export type KeystoreProtection = 'os-keychain' | 'passphrase';

export interface KeystoreStatus {
  state: KeystoreState;
  protection: KeystoreProtection;
}

export interface VaultOptions {
  /** The keystore file, e.g. <profile>/keystore.json. */
  path: string;
  /** The OS keychain, when the host has one (Electron). */
  keyWrapper?: KeyWrapper;
  /** For tests that simulate a failing disk. */
  writeFile?: (path: string, data: string) => Promise<void>;
}

export const MIN_PASSPHRASE_LENGTH = 8;

export class KeystoreVault {
  private open: { dataKey: Buffer; keys: WrappedKey[]; data: KeystoreData } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly write: (path: string, data: string) => Promise<void>;

  constructor(private readonly options: VaultOptions) {
    this.write = options.writeFile ?? ((path, data) => writeFileAtomic(path, data, 0o600));
  }

  /** Whether the keystore exists and is open; with an OS keychain it is opened (or created) on the way. */
  async status(): Promise<KeystoreStatus> {
    if (this.open) return { state: 'unlocked', protection: this.protectionOf(this.open.keys) };
    const file = await this.readFile();
    if (this.options.keyWrapper) {
      if (!file) {
        await this.create();
        return { state: 'unlocked', protection: 'os-keychain' };
      }
      if (await this.tryKeychain(file)) return { state: 'unlocked', protection: 'os-keychain' };
    }
    if (!file) return { state: 'missing', protection: 'passphrase' };
    return { state: 'locked', protection: this.protectionOf(file.keys) };
  }

  /** Creates an empty keystore, wrapped by the OS keychain when there is one, else by `passphrase`. */
  async create(passphrase?: string): Promise<void> {
    if (await this.readFile()) throw new SealmailError('INVALID_INPUT', 'A keystore already exists here; unlock it instead.');
    const dataKey = randomBytes(32);
    const keys: WrappedKey[] = [];
    if (this.options.keyWrapper) {
      keys.push({ kind: 'os-keychain', wrapped: Buffer.from(await this.options.keyWrapper.wrap(dataKey)).toString('base64') });
    }
    if (passphrase !== undefined) {
      checkNewPassphrase(passphrase);
      keys.push(await wrapWithPassphrase(dataKey, passphrase));
    }
    if (keys.length === 0) throw new SealmailError('INVALID_INPUT', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters to protect your keystore.`);
    const data = emptyKeystoreData();
    await this.write(this.options.path, seal(dataKey, keys, JSON.stringify(data)));
    this.open = { dataKey, keys, data };
  }

  /** Opens the keystore with its passphrase (or the OS keychain when none is given). */
  async unlock(passphrase?: string): Promise<void> {
    if (this.open) return;
    const file = await this.readFile();
    if (!file) throw new SealmailError('NOT_FOUND', 'There is no keystore yet; create one first.');
    if (passphrase === undefined) {
      if (await this.tryKeychain(file)) return;
      throw new SealmailError('KEYSTORE_LOCKED');
    }
    const entries = file.keys.filter((k): k is PassphraseWrappedKey => k.kind === 'passphrase');
    if (entries.length === 0) {
      throw new SealmailError(
        'KEYSTORE_LOCKED',
        this.options.keyWrapper
          ? "The operating system's keychain no longer opens your keystore (was the keychain reset?); no passphrase can open it instead."
          : "This keystore is protected by the operating system's keychain; open it in the Sealmail app.",
      );
    }
    for (const entry of entries) {
      let dataKey: Buffer | null;
      try {
        dataKey = await unwrapWithPassphrase(entry, passphrase);
      } catch (error) {
        throw this.damaged(error);
      }
      if (dataKey) {
        this.adopt(file, dataKey);
        return;
      }
    }
    throw new SealmailError('WRONG_PASSWORD', 'That passphrase does not open your keystore.');
  }

  lock(): void {
    this.open = null;
  }

  /** The decrypted data; throws KEYSTORE_LOCKED unless unlocked. Treat as read-only. */
  async read(): Promise<KeystoreData> {
    if (!this.open) await this.status();
    if (!this.open) throw new SealmailError('KEYSTORE_LOCKED');
    return this.open.data;
  }

  /**
   * Applies `change` to a copy of the data and saves it; memory changes only once the file did.
   * Changes run one after another. A change that throws leaves everything untouched.
   */
  mutate<T>(change: (draft: KeystoreData) => T): Promise<T> {
    const run = this.queue.then(async () => {
      await this.read();
      const open = this.open!;
      const draft = structuredClone(open.data);
      const result = change(draft);
      await this.write(this.options.path, seal(open.dataKey, open.keys, JSON.stringify(draft)));
      open.data = draft;
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async tryKeychain(file: SealedFile): Promise<boolean> {
    const wrapper = this.options.keyWrapper;
    const entry = file.keys.find((k) => k.kind === 'os-keychain');
    if (!wrapper || !entry) return false;
    let dataKey: Buffer;
    try {
      dataKey = Buffer.from(await wrapper.unwrap(Buffer.from(entry.wrapped, 'base64')));
    } catch {
      // A reset keychain: fall back to a passphrase entry if the file has one.
      return false;
    }
    this.adopt(file, dataKey);
    return true;
  }

  private adopt(file: SealedFile, dataKey: Buffer): void {
    let data: unknown;
    try {
      data = JSON.parse(unseal(dataKey, file));
    } catch (error) {
      throw this.damaged(error);
    }
    if (!isKeystoreData(data)) throw this.damaged(null);
    this.open = { dataKey, keys: file.keys, data };
  }

  private async readFile(): Promise<SealedFile | null> {
    try {
      return await readSealedFile(this.options.path);
    } catch (error) {
      if (error instanceof DamagedKeystoreError) throw this.damaged(error);
      throw new SealmailError('STORAGE_FAILED', `Sealmail could not read its keystore: ${(error as Error).message}`, { cause: error });
    }
  }

  private damaged(cause: unknown): SealmailError {
    return new SealmailError('STORAGE_FAILED', `The keystore file ${basename(this.options.path)} is damaged; move it aside to start afresh.`, { cause });
  }

  private protectionOf(keys: WrappedKey[]): KeystoreProtection {
    return this.options.keyWrapper && keys.some((k) => k.kind === 'os-keychain') ? 'os-keychain' : 'passphrase';
  }
}

export function checkNewPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new SealmailError('INVALID_INPUT', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters to protect your keystore.`);
  }
}
