/**
 * The first sync's writer thread runs at a lower priority, so the main thread (parsing the FETCH,
 * answering the window) and a mail server on the same machine come first. On Linux (where this
 * reads /proc) the nice value is a thread's own: only the writer's may change, never the app's.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { openBatchWriter } from './batch-writer';
import { MailStore } from './mail-store';
import { openStoreDatabase } from './open-database';

/** Each thread of this process with its nice value (field 19 of /proc/…/stat). */
function niceValues(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const task of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1]!.split(' ');
    threads.set(Number(task), Number(fields[16]));
  }
  return threads;
}

test('while the writer thread is up, it alone runs below the app’s priority', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-nice-'));
  const store = new MailStore(openStoreDatabase(dir).db);
  const before = niceValues();
  const writer = openBatchWriter(store, 'thread');
  try {
    expect(await writer.threaded).toBe(true);
    const during = niceValues();
    const lowered = [...during].filter(([, nice]) => nice > 0).map(([thread]) => thread);
    expect(lowered).toHaveLength(1);
    expect(before.has(lowered[0]!)).toBe(false);
    expect(during.get(process.pid)).toBe(before.get(process.pid));
  } finally {
    await writer.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
