/**
 * Senders whose remote content the user always loads, kept in the profile folder
 * (remote-content-senders.json, written atomically). A file that cannot be read allows no one.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../storage/atomic-write';

const FILE = 'remote-content-senders.json';

export class SenderAllowList {
  private senders: Promise<Set<string>> | null = null;

  constructor(private readonly profileDir: string) {}

  /** Whether the user chose to always load remote content from this address. */
  async allows(address: string): Promise<boolean> {
    return (await this.load()).has(address.trim().toLowerCase());
  }

  /** Adds an address for good; the file is rewritten atomically, so a crash loses nothing else. */
  async allow(address: string): Promise<void> {
    const current = await this.load();
    const next = new Set(current).add(address.trim().toLowerCase());
    await writeFileAtomic(join(this.profileDir, FILE), `${JSON.stringify({ senders: [...next].sort() }, null, 2)}\n`);
    this.senders = Promise.resolve(next);
  }

  private load(): Promise<Set<string>> {
    this.senders ??= readFile(join(this.profileDir, FILE), 'utf8').then(
      (text) => {
        const data = JSON.parse(text) as { senders?: unknown };
        const list = Array.isArray(data.senders) ? data.senders.filter((s): s is string => typeof s === 'string') : [];
        return new Set(list.map((s) => s.toLowerCase()));
      },
      () => new Set<string>(),
    ).catch(() => new Set<string>());
    return this.senders;
  }
}
