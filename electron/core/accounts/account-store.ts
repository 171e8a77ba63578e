/**
 * The accounts of a profile, kept in accounts.json without their passwords (those go to the
 * SecretStore). Every change is written atomically before it is acknowledged.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Account } from '../../../shared/domain';
import { endpointInput, storedDirectoryInput, storedSignInInput } from '../../../shared/inputs';
import { SealmailError } from '../../../shared/errors';
import { writeFileAtomic } from '../storage/atomic-write';

const storedAccounts = z.object({
  version: z.literal(1),
  accounts: z.array(
    z.object({
      id: z.string(),
      address: z.string(),
      displayName: z.string(),
      imap: endpointInput,
      smtp: endpointInput,
      directory: storedDirectoryInput.optional(),
      signIn: storedSignInInput.optional(),
    }),
  ),
});

export class AccountStore {
  private readonly file: string;
  private cache: Account[] | null = null;

  constructor(profileDir: string) {
    this.file = join(profileDir, 'accounts.json');
  }

  async list(): Promise<Account[]> {
    this.cache ??= await this.load();
    return [...this.cache];
  }

  async get(accountId: string): Promise<Account> {
    const account = (await this.list()).find((candidate) => candidate.id === accountId);
    if (!account) throw new SealmailError('NOT_FOUND', 'That account is no longer set up.');
    return account;
  }

  async add(account: Account): Promise<void> {
    const accounts = await this.list();
    await this.save([...accounts, account]);
  }

  /** Replaces a stored account (same id), e.g. with a new certificate pin. */
  async update(account: Account): Promise<void> {
    const accounts = await this.list();
    if (!accounts.some((stored) => stored.id === account.id)) throw new SealmailError('NOT_FOUND', 'That account is no longer set up.');
    await this.save(accounts.map((stored) => (stored.id === account.id ? account : stored)));
  }

  async remove(accountId: string): Promise<boolean> {
    const accounts = await this.list();
    const remaining = accounts.filter((account) => account.id !== accountId);
    if (remaining.length === accounts.length) return false;
    await this.save(remaining);
    return true;
  }

  private async save(accounts: Account[]): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify({ version: 1, accounts }, null, 2));
    this.cache = accounts;
  }

  private async load(): Promise<Account[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new SealmailError('STORAGE_FAILED', `Sealmail could not read ${this.file}: ${(error as Error).message}`);
    }
    const parsed = storedAccounts.safeParse(safeJson(text));
    if (!parsed.success) {
      // Refuse rather than overwrite: the file may be from a newer Sealmail or hand-edited.
      throw new SealmailError('STORAGE_FAILED', `${this.file} is damaged or from a newer Sealmail; it was left untouched.`);
    }
    return parsed.data.accounts;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
