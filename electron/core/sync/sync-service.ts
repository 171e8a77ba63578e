/**
 * Keeps the store current: runs folder syncs (one at a time per folder, a request during a run
 * causing one more run after it), reacts to the server's IDLE pushes, polls watched folders where
 * no push arrives, and tells the renderer through `syncProgress` and `messagesChanged`.
 */
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../ports';
import type { MailStore } from '../store/mail-store';
import { retryWhenDropped } from './retry-when-dropped';
import type { MailboxAccess, SyncReport } from './sync-folder';

export interface SyncOptions {
  /** How often watched folders are checked when the server pushes nothing (no IDLE, or another folder selected). */
  pollMs?: number;
  /** Called after each sync, so pending commands can lay their local effects over the server's state. */
  afterSync?: (accountId: string, path: string) => void;
}

interface Run {
  promise: Promise<SyncReport>;
  again: boolean;
  /** Resolves once the folder has something to show (first batch committed, or the run ended). */
  shown: Promise<void>;
}

const key = (accountId: string, path: string) => `${accountId}\u0000${path}`;
const CHANGE_THROTTLE_MS = 400;

export class SyncService {
  private readonly runs = new Map<string, Run>();
  private readonly watched = new Map<string, { accountId: string; path: string }>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private poller: ReturnType<typeof setInterval> | null = null;
  private closed = false;

  constructor(
    private readonly store: MailStore,
    private readonly access: (accountId: string) => Promise<MailboxAccess>,
    private readonly events: EventHub,
    private readonly logger: Logger,
    private readonly options: SyncOptions = {},
  ) {}

  /** Syncs a folder now and reports what changed; failures are thrown as SealmailErrors. */
  sync(accountId: string, path: string): Promise<SyncReport> {
    const running = this.runs.get(key(accountId, path));
    if (running) {
      running.again = true;
      return running.promise;
    }
    return this.start(accountId, path).promise;
  }

  /**
   * Resolves when the folder has something to list: at once when it was synced before (offline
   * included), otherwise when the first batch of its first sync is stored.
   */
  async ready(accountId: string, path: string): Promise<void> {
    if (this.store.syncState(accountId, path)?.synced || this.store.count(accountId, path) > 0) return;
    const run = this.runs.get(key(accountId, path)) ?? this.start(accountId, path);
    await Promise.race([run.shown, run.promise]);
  }

  /** Keeps a folder current from now on: IDLE pushes and polling trigger incremental syncs. */
  watch(accountId: string, path: string): void {
    this.watched.set(key(accountId, path), { accountId, path });
    const pollMs = this.options.pollMs ?? 30_000;
    this.poller ??= setInterval(() => {
      for (const folder of this.watched.values()) this.soon(folder.accountId, folder.path);
    }, pollMs);
    this.poller.unref?.();
  }

  /** The server said something changed in a folder (EXISTS, EXPUNGE, FETCH FLAGS while idling). */
  serverChanged(accountId: string, path: string): void {
    this.soon(accountId, path);
  }

  forget(accountId: string): void {
    for (const [k, folder] of this.watched) if (folder.accountId === accountId) this.watched.delete(k);
  }

  close(): void {
    this.closed = true;
    if (this.poller) clearInterval(this.poller);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** A background sync, coalescing bursts of pushes; failures are logged, the next push retries. */
  private soon(accountId: string, path: string): void {
    const k = key(accountId, path);
    if (this.closed || this.pending.has(k)) return;
    this.pending.set(
      k,
      setTimeout(() => {
        this.pending.delete(k);
        this.sync(accountId, path).catch((error: Error) => this.logger.warn('background sync failed', { folder: path, error: error.message }));
      }, 150),
    );
  }

  private start(accountId: string, path: string): Run {
    let markShown!: () => void;
    const shown = new Promise<void>((resolve) => (markShown = resolve));
    const run: Run = { again: false, shown, promise: Promise.resolve(null as unknown as SyncReport) };
    run.promise = this.loop(accountId, path, run, markShown);
    this.runs.set(key(accountId, path), run);
    return run;
  }

  private async loop(accountId: string, path: string, run: Run, markShown: () => void): Promise<SyncReport> {
    try {
      let report: SyncReport;
      do {
        run.again = false;
        report = await this.once(accountId, path, markShown);
      } while (run.again && !this.closed);
      return report;
    } finally {
      markShown();
      this.runs.delete(key(accountId, path));
    }
  }

  private async once(accountId: string, path: string, markShown: () => void): Promise<SyncReport> {
    let lastChange = 0;
    // The sync code (and imapflow's parser under it) is loaded on the first sync, not at start (see create-core.ts).
    const { syncFolder } = await import('./sync-folder');
    const report = await retryWhenDropped(async () => syncFolder(await this.access(accountId), this.store, accountId, path, {
      progress: (done, total) => this.events.emit('syncProgress', { accountId, folder: path, done, total }),
      stored: () => {
        markShown();
        const now = Date.now();
        if (now - lastChange >= CHANGE_THROTTLE_MS) {
          lastChange = now;
          this.events.emit('messagesChanged', { accountId, folder: path });
        }
      },
    }));
    this.options.afterSync?.(accountId, path);
    if (report.kind !== 'unchanged') this.events.emit('messagesChanged', { accountId, folder: path });
    const count = this.store.count(accountId, path);
    this.events.emit('syncProgress', { accountId, folder: path, done: count, total: count });
    return report;
  }
}
