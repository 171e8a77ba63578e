/**
 * Where a first sync's batches go: a writer thread with its own connection to the store file, so
 * inserting, threading and indexing overlap with the FETCH that the main thread parses; or, for a
 * store in memory or where no thread can start, the main connection itself. Both run the same
 * MailStore code, a batch being one transaction either way.
 */
import type { MailStore } from './mail-store';
import type { StoredMessage } from './stored-message';
import { startWorkerWriter } from './worker-batch-writer';

export interface BatchWriter {
  /** Stores a batch (one transaction); resolves once it is committed and readable. */
  put(accountId: string, path: string, messages: readonly StoredMessage[], options: { index: boolean }): Promise<void>;
  /** Indexes for search every message not yet indexed, after every batch sent before. */
  indexPending(): Promise<void>;
  /** Ends the writer (after what was sent); the store itself stays open. */
  close(): Promise<void>;
  /** Resolves true once batches go to the writer thread, false if they stay inline. */
  readonly threaded: Promise<boolean>;
}

/**
 * auto: inline until the thread is up, then the thread; thread: every batch waits for the thread
 * (what tests use to know the thread wrote); inline: the caller's connection only.
 */
export type WriterKind = 'auto' | 'thread' | 'inline';

/**
 * Writes on the caller's connection, synchronously: the path for stores in memory, and the
 * fallback. Like the thread, it refuses every batch after one that failed, so the store never
 * holds a batch committed past a gap (a resumed sync fills in from the first one missing).
 */
export function inlineWriter(store: MailStore): BatchWriter & { readonly failure: unknown } {
  let failure: unknown = null;
  const guarded = (work: () => void) => {
    if (failure) return Promise.reject(failure);
    try {
      work();
      return Promise.resolve();
    } catch (error) {
      failure = error;
      return Promise.reject(error);
    }
  };
  return {
    put: (accountId, path, messages, options) => guarded(() => store.putMessages(accountId, path, messages, options)),
    indexPending: () => guarded(() => store.indexPending()),
    close: async () => undefined,
    threaded: Promise.resolve(false),
    get failure() {
      return failure;
    },
  };
}

/**
 * A writer thread for a store in a file, unless `kind` asks for the inline writer. With 'auto',
 * batches are written inline until the thread is up (starting it costs a few hundred milliseconds,
 * which the newest mail should not wait for). Either way they stay inline if it cannot start. An
 * inline write is committed before the call returns, so batches are stored in the order given.
 */
export function openBatchWriter(store: MailStore, kind: WriterKind = 'auto'): BatchWriter {
  const file = store.file;
  const inline = inlineWriter(store);
  if (kind === 'inline' || file === null) return inline;
  let current: BatchWriter = inline;
  const starting = startWorkerWriter(file).then((thread) => {
    // A batch that failed inline stops the thread from taking later ones.
    if (thread && !inline.failure) current = thread;
    return thread;
  });
  // With 'thread', calls wait for the start; their callbacks run in the order queued, so batches keep their order.
  const waiting = kind === 'thread';
  return {
    put: (accountId, path, messages, options) =>
      waiting ? starting.then(() => current.put(accountId, path, messages, options)) : current.put(accountId, path, messages, options),
    indexPending: () => (waiting ? starting.then(() => current.indexPending()) : current.indexPending()),
    close: async () => (await starting)?.close(),
    threaded: starting.then((thread) => thread !== null),
  };
}
