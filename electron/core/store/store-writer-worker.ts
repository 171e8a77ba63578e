/**
 * The first sync's writer thread: its own connection to the store file, running MailStore's batch
 * insert, threading and search indexing while the main thread parses the FETCH. Requests are done
 * in order; after a failure every later batch is refused with it, so the store never holds a batch
 * committed past one that failed (a resumed sync fills in from the first gap).
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { MailStore } from './mail-store';
import { connectStore } from './open-database';
import { toFailure, type WriterFailure, type WriterReply, type WriterRequest } from './writer-protocol';

/** Well below the app's own threads, yet not the idle class: a busy desktop still lets it finish. */
const WRITER_NICENESS = 10;

const port = parentPort;
if (!port) throw new Error('store-writer-worker runs only as a worker thread');
yieldToTheApp();
const reply = (message: WriterReply) => port.postMessage(message);

let store: MailStore | null = null;
try {
  store = new MailStore(connectStore((workerData as { file: string }).file));
  reply({ ready: true });
} catch (error) {
  reply({ started: false, failure: toFailure(error) });
}

let failed: WriterFailure | null = null;
port.on('message', (request: WriterRequest) => {
  if (!store) return;
  if (request.op === 'close') {
    store.close();
    store = null;
    reply({ id: request.id, failure: null });
    port.close();
    return;
  }
  // The check after a start reads, never writes: a failed batch does not stop it.
  if (request.op === 'check') {
    reply({ id: request.id, failure: null, finding: checkEveryPage(store) });
    return;
  }
  if (failed) {
    reply({ id: request.id, failure: failed });
    return;
  }
  try {
    if (request.op === 'put') store.putMessages(request.accountId, request.path, request.messages, { index: request.index });
    else store.indexPending();
    reply({ id: request.id, failure: null });
  } catch (error) {
    failed = toFailure(error);
    reply({ id: request.id, failure: failed });
  }
});

/** quick_check's finding; a page so damaged that SQLite refuses to read on is a finding too. */
function checkEveryPage(opened: MailStore): string {
  try {
    return opened.quickCheck();
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Lowers this thread's priority, so that the main thread (which parses the FETCH the writer is
 * fed from) and the mail server on the same machine get the CPU first; the writer catches up in
 * their pauses. Only on Linux, where the nice value belongs to a thread and pid 0 means the calling
 * thread (setpriority(2), NOTES); on macOS and Windows it would slow the whole app instead.
 */
function yieldToTheApp(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(WRITER_NICENESS);
  } catch {
    // A sandbox may forbid it; the writer then simply competes as an equal.
  }
}
