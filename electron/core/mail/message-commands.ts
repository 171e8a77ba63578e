/**
 * The message-changing calls (flags, move, delete, archive, undo) turned into queued commands,
 * with Trash and Archive found by their special use (RFC 6154) or their usual names.
 */
import { SealmailError } from '../../../shared/errors';
import type { CommandReceipt, MessageFlag } from '../../../shared/mail-types';
import type { MailStore } from '../store/mail-store';
import type { CommandService } from '../sync/commands/command-service';

export class MessageCommands {
  constructor(
    private readonly store: MailStore,
    private readonly commands: CommandService,
    private readonly started: Promise<void>,
  ) {}

  async setFlag(accountId: string, folder: string, uids: number[], flag: MessageFlag, value: boolean, undoable = true): Promise<CommandReceipt> {
    await this.started;
    return this.commands.submit(accountId, folder, uids, { kind: 'flag', flag, value }, undoable);
  }

  async move(accountId: string, folder: string, uids: number[], destination: string): Promise<CommandReceipt> {
    await this.started;
    if (destination === folder) throw new SealmailError('INVALID_INPUT', 'The messages are already in that folder.');
    return this.commands.submit(accountId, folder, uids, { kind: 'move', destination });
  }

  /** Into Trash; from Trash itself, for good. */
  async delete(accountId: string, folder: string, uids: number[]): Promise<CommandReceipt> {
    await this.started;
    const trash = this.special(accountId, '\\Trash', /^(trash|deleted items|deleted messages)$/i) ?? 'Trash';
    if (folder === trash) return this.commands.submit(accountId, folder, uids, { kind: 'delete' });
    return this.commands.submit(accountId, folder, uids, { kind: 'move', destination: trash });
  }

  async archive(accountId: string, folder: string, uids: number[]): Promise<CommandReceipt> {
    const archive = this.special(accountId, '\\Archive', /^archives?$/i) ?? 'Archive';
    if (folder === archive) throw new SealmailError('INVALID_INPUT', 'These messages are already in the archive.');
    return this.move(accountId, folder, uids, archive);
  }

  async undo(commandId: string): Promise<void> {
    await this.started;
    await this.commands.undo(commandId);
  }

  private special(accountId: string, use: string, names: RegExp): string | null {
    const folders = this.store.folders(accountId);
    return folders.find((folder) => folder.specialUse === use)?.path ?? folders.find((folder) => names.test(folder.name))?.path ?? null;
  }
}
