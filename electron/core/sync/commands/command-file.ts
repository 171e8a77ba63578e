/**
 * The command queue on disk (commands.json), apart from the message store: a store that is
 * rebuilt from the server keeps every change the user made offline. Written atomically.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../storage/atomic-write';
import type { Command } from './command';

const base = { id: z.string(), accountId: z.string(), folder: z.string(), uids: z.array(z.number().int()), notBefore: z.number(), attempts: z.number() };
const commandSchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('flag'), flag: z.enum(['seen', 'flagged']), value: z.boolean(), previous: z.record(z.string(), z.boolean()) }),
  z.object({ ...base, kind: z.literal('move'), destination: z.string() }),
  z.object({ ...base, kind: z.literal('delete') }),
]);
const fileSchema = z.object({ version: z.literal(1), commands: z.array(commandSchema) });

export class CommandFile {
  private readonly path: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(profileDir: string) {
    this.path = join(profileDir, 'commands.json');
  }

  /** The saved queue; a missing or unreadable file is an empty queue (reported by the caller). */
  async load(): Promise<{ commands: Command[]; problem: string | null }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { commands: [], problem: null };
      return { commands: [], problem: (error as Error).message };
    }
    try {
      return { commands: fileSchema.parse(JSON.parse(text)).commands, problem: null };
    } catch {
      return { commands: [], problem: 'commands.json is damaged' };
    }
  }

  /** Saves the queue; saves are serialised so an older snapshot never overwrites a newer one. */
  save(commands: readonly Command[]): Promise<void> {
    const snapshot = JSON.stringify({ version: 1, commands });
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(this.path, snapshot));
    return this.writing;
  }
}
