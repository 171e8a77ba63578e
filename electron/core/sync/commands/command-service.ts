/**
 * Flag changes, moves, deletes and archiving as commands: applied to the store at once (the list
 * updates), held for the Undo window, then sent to the server in order. A refusal rolls the local
 * effect back and says why; no connection keeps the command queued (on disk, apart from the store)
 * and retries until the server is back.
 */
import { randomUUID } from 'node:crypto';
import { SealmailError } from '../../../../shared/errors';
import type { CommandReceipt } from '../../../../shared/mail-types';
import type { EventHub } from '../../events/event-hub';
import type { Logger } from '../../ports';
import type { MailStore } from '../../store/mail-store';
import type { MailboxAccess } from '../sync-folder';
import type { Command, CommandSpec } from './command';
import type { CommandFile } from './command-file';
import { applyLocally, confirmLocally, revertLocally } from './local-effects';
import { sendCommand } from './send-command';

export interface CommandOptions {
  /** How long Undo is offered before a command goes to the server. */
  undoMs?: number;
  /** First retry delay while the server cannot be reached; doubles up to a minute. */
  retryMs?: number;
  /** A command reached the server: these folders changed there. */
  onSent?: (accountId: string, folders: string[]) => void;
}

/**
 * Failures that mean "the server said no" to this command: it is rolled back. Everything else
 * (unreachable, timeout, a TLS or certificate problem, a password needed) means "not now": the
 * command stays queued, since the user's change is still wanted once the connection is sound.
 */
const REFUSALS = new Set(['PROTOCOL_ERROR', 'NOT_FOUND', 'INVALID_INPUT', 'INTERNAL']);

export class CommandService {
  private queue: Command[] = [];
  private inFlight: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay: number;
  private pumping = false;
  private closed = false;

  constructor(
    private readonly store: MailStore,
    private readonly file: CommandFile,
    private readonly access: (accountId: string) => Promise<MailboxAccess>,
    private readonly events: EventHub,
    private readonly logger: Logger,
    private readonly options: CommandOptions = {},
  ) {
    this.retryDelay = options.retryMs ?? 5000;
  }

  /** Loads the saved queue and lays its effects over the store (which may have been rebuilt). */
  async start(): Promise<void> {
    const { commands, problem } = await this.file.load();
    if (problem) this.logger.warn('queued commands could not be read', { problem });
    this.queue = commands;
    for (const command of commands) this.tryLocally(() => applyLocally(this.store, command));
    this.schedule();
  }

  /** Applies a command locally now and queues it for the server after the Undo window. */
  async submit(accountId: string, folder: string, uids: number[], spec: CommandSpec, undoable = true): Promise<CommandReceipt> {
    const notBefore = Date.now() + (undoable ? (this.options.undoMs ?? 5000) : 0);
    const base = { id: randomUUID(), accountId, folder, uids: [...new Set(uids)], notBefore, attempts: 0 };
    let command: Command;
    if (spec.kind === 'flag') {
      const previous: Record<string, boolean> = {};
      for (const uid of base.uids) previous[String(uid)] = this.store.flags(accountId, folder, uid)?.[spec.flag] ?? !spec.value;
      command = { ...base, ...spec, previous };
    } else {
      command = { ...base, ...spec };
    }
    applyLocally(this.store, command);
    this.queue.push(command);
    await this.file.save(this.queue);
    this.changed(command);
    this.schedule();
    return { commandId: command.id, undoUntil: new Date(notBefore).toISOString() };
  }

  /** Takes a command back while it has not reached the server. */
  async undo(commandId: string): Promise<void> {
    const command = this.queue.find((candidate) => candidate.id === commandId);
    if (!command || this.inFlight === commandId) {
      throw new SealmailError('NOT_FOUND', 'Too late to undo: the change has already reached the server.');
    }
    this.queue = this.queue.filter((candidate) => candidate !== command);
    revertLocally(this.store, command);
    await this.file.save(this.queue);
    this.changed(command);
  }

  /** After a sync wrote the server's state: pending commands still win locally. */
  reapply(accountId: string, folder: string): void {
    for (const command of this.queue) if (command.accountId === accountId && command.folder === folder) applyLocally(this.store, command);
  }

  /** Commands not yet confirmed by the server, oldest first. */
  pending(): readonly Command[] {
    return this.queue;
  }

  /** Sends what is due now rather than at the next timer (the connection came back). */
  retryNow(): void {
    this.retryDelay = this.options.retryMs ?? 5000;
    this.schedule(0);
  }

  async forget(accountId: string): Promise<void> {
    this.queue = this.queue.filter((command) => command.accountId !== accountId);
    await this.file.save(this.queue);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delay?: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.queue[0];
    if (!next) return;
    const wait = delay ?? Math.max(0, next.notBefore - Date.now());
    this.timer = setTimeout(() => void this.pump(), wait);
    this.timer.unref?.();
  }

  /** Sends due commands strictly in order: a later command may depend on an earlier one. */
  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        const command = this.queue[0];
        if (!command || command.notBefore > Date.now()) break;
        this.inFlight = command.id;
        const outcome = await this.send(command);
        this.inFlight = null;
        if (outcome === 'offline') {
          this.schedule(this.retryDelay);
          this.retryDelay = Math.min(60_000, this.retryDelay * 2);
          return;
        }
        this.retryDelay = this.options.retryMs ?? 5000;
      }
    } finally {
      this.inFlight = null;
      this.pumping = false;
    }
    this.schedule();
  }

  private async send(command: Command): Promise<'done' | 'offline'> {
    try {
      const access = await this.access(command.accountId);
      await access.withMailbox(command.folder, (client) => sendCommand(client, command));
    } catch (error) {
      const code = error instanceof SealmailError ? error.code : 'INTERNAL';
      if (!REFUSALS.has(code)) {
        command.attempts += 1;
        await this.file.save(this.queue).catch(() => undefined);
        return 'offline';
      }
      this.queue = this.queue.filter((candidate) => candidate !== command);
      this.tryLocally(() => revertLocally(this.store, command));
      await this.file.save(this.queue).catch(() => undefined);
      const message = `${describe(command)} failed and was undone: ${(error as Error).message}`;
      this.logger.warn('command refused', { kind: command.kind, error: (error as Error).message });
      this.events.emit('commandFailed', { accountId: command.accountId, folder: command.folder, commandId: command.id, message });
      this.changed(command);
      return 'done';
    }
    this.queue = this.queue.filter((candidate) => candidate !== command);
    this.tryLocally(() => confirmLocally(this.store, command));
    await this.file.save(this.queue).catch(() => undefined);
    this.options.onSent?.(command.accountId, command.kind === 'move' ? [command.folder, command.destination] : [command.folder]);
    return 'done';
  }

  private changed(command: Command): void {
    this.events.emit('messagesChanged', { accountId: command.accountId, folder: command.folder });
  }

  /** A store that was closed or rebuilt under us must not stop the queue. */
  private tryLocally(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.logger.warn('local effect of a command not applied', { error: (error as Error).message });
    }
  }
}

function describe(command: Command): string {
  const what = command.uids.length === 1 ? '1 message' : `${command.uids.length} messages`;
  if (command.kind === 'flag') return `Marking ${what} as ${command.value ? '' : 'not '}${command.flag === 'seen' ? 'read' : 'flagged'}`;
  if (command.kind === 'move') return `Moving ${what} to ${command.destination}`;
  return `Deleting ${what}`;
}
