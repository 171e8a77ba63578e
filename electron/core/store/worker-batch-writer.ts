/**
 * The main side of the writer thread (store-writer-worker.ts): sends batches without waiting and
 * resolves each when the thread has committed it. From source (tsx, vitest) the thread loads the
 * .ts entry through tsx; in the Electron build it is store-writer-worker.js beside main.js.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchWriter } from './batch-writer';
import type { StoredMessage } from './stored-message';
import { fromFailure, type WriterReply, type WriterRequest } from './writer-protocol';

type Pending = { resolve: (finding: string | undefined) => void; reject: (error: Error) => void };

/**
 * The thread's entry: the bundled .js beside main.js, or, from source, a bootstrap that registers
 * tsx in the thread and then imports the .ts entry.
 */
function workerEntry(): string | null {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(fromSource ? './store-writer-worker-from-source.mjs' : './store-writer-worker.js', import.meta.url));
  return existsSync(file) ? file : null;
}


/**
 * Checks every page of the store file on a thread of its own (niced, as the writer is): 'ok', or
 * what SQLite found. Null when no thread can start. It reads, so it runs beside the app and a sync.
 */
export async function checkStoreOnThread(file: string): Promise<string | null> {
  const thread = await startWorkerWriter(file);
  if (!thread) return null;
  try {
    return await thread.check();
  } finally {
    await thread.close();
  }
}

/** Starts the writer thread on `file`; null when it cannot start, so the caller writes inline. */
export async function startWorkerWriter(file: string): Promise<WorkerWriter | null> {
  const entry = workerEntry();
  if (!entry) return null;
  let worker: Worker;
  try {
    worker = new Worker(entry, { workerData: { file } });
  } catch {
    return null;
  }
  const started = await new Promise<boolean>((resolve) => {
    const fail = () => resolve(false);
    worker.once('error', fail);
    worker.once('exit', fail);
    worker.once('message', (message: WriterReply) => {
      worker.off('error', fail);
      worker.off('exit', fail);
      resolve('ready' in message);
    });
  });
  if (!started) {
    await worker.terminate();
    return null;
  }
  return new WorkerWriter(worker);
}

class WorkerWriter implements BatchWriter {
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  /** Set when the thread died: every request from then on fails with it. */
  private dead: Error | null = null;
  readonly threaded = Promise.resolve(true);

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: WriterReply) => {
      if (!('id' in message)) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.failure) waiting?.reject(fromFailure(message.failure));
      else waiting?.resolve(message.finding);
    });
    const die = (error: Error) => {
      this.dead ??= error;
      for (const waiting of this.pending.values()) waiting.reject(this.dead);
      this.pending.clear();
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`the message store's writer stopped (exit code ${code})`)));
  }

  /**
   * Indexes every batch as it is committed, whatever `options.index` says: inline, one index fill
   * at the end is cheaper; on the thread, filling as it goes overlaps with the FETCH, where a fill
   * at the end is time the sync waits.
   */
  async put(accountId: string, path: string, messages: readonly StoredMessage[], _options: { index: boolean }): Promise<void> {
    await this.send({ id: 0, op: 'put', accountId, path, messages, index: true });
  }

  async indexPending(): Promise<void> {
    await this.send({ id: 0, op: 'index' });
  }

  /** SQLite's quick_check of the whole file, on the thread: 'ok', or what it found. */
  async check(): Promise<string> {
    return (await this.send({ id: 0, op: 'check' })) ?? 'no answer from the check';
  }

  async close(): Promise<void> {
    if (!this.dead) await this.send({ id: 0, op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private send(request: WriterRequest): Promise<string | undefined> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<string | undefined>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }
}
