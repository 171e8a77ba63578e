/**
 * The local side of mail for one profile: the store, the sync that fills it and the command queue
 * that changes it, wired together once. The store file is opened here (rebuilt when damaged); the
 * queue lives in its own file so a rebuilt store loses no change the user made.
 */
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../ports';
import { MailStore } from '../store/mail-store';
import { openStoreDatabase } from '../store/open-database';
import { checkAfterStart, type IntegrityCheck } from '../store/store-integrity';
import { CommandFile } from '../sync/commands/command-file';
import { CommandService } from '../sync/commands/command-service';
import type { MailboxAccess } from '../sync/sync-folder';
import { SyncService } from '../sync/sync-service';

export interface LocalMailOptions {
  profileDir: string;
  /** How long Undo is offered (default 5 s). */
  undoMs?: number;
  /** How often watched folders are checked without a push (default 30 s). */
  pollMs?: number;
  /** First retry delay for queued commands while offline (default 5 s). */
  retryMs?: number;
  /** How long after the start the store's pages are checked (default 5 s). */
  checkAfterMs?: number;
}

export interface LocalMail {
  store: MailStore;
  sync: SyncService;
  commands: CommandService;
  /** Why the store was rebuilt at start, for one notice to the user; null normally. */
  rebuilt: string | null;
  /** Resolves once the saved command queue is loaded and laid over the store. */
  started: Promise<void>;
  /** The check of every page of the store, after the start. */
  integrity: IntegrityCheck;
  close(): void;
}

export function openLocalMail(options: LocalMailOptions, access: (accountId: string) => Promise<MailboxAccess>, events: EventHub, logger: Logger): LocalMail {
  const { db, rebuilt } = openStoreDatabase(options.profileDir);
  if (rebuilt) logger.warn('message store rebuilt', { reason: rebuilt });
  const store = new MailStore(db);
  const integrity = checkAfterStart(
    store.file,
    (finding) => {
      logger.warn('message store damaged', { finding });
      events.emit('mailNotice', { message: 'Sealmail found damage in its message store. It will rebuild it the next time it starts and download your mail again; changes you made offline are kept.' });
    },
    options.checkAfterMs,
  );
  let sync: SyncService | null = null;
  const commands = new CommandService(store, new CommandFile(options.profileDir), access, events, logger, {
    ...(options.undoMs !== undefined ? { undoMs: options.undoMs } : {}),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    onSent: (accountId, folders) => folders.forEach((folder) => sync?.serverChanged(accountId, folder)),
  });
  sync = new SyncService(store, access, events, logger, {
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    afterSync: (accountId, folder) => {
      commands.reapply(accountId, folder);
      // A sync that worked means the server is reachable: queued commands need not wait out their backoff.
      if (commands.pending().length > 0) commands.retryNow();
    },
  });
  return {
    store,
    sync,
    commands,
    rebuilt,
    started: commands.start(),
    integrity,
    close() {
      integrity.cancel();
      sync?.close();
      commands.close();
      store.close();
    },
  };
}
