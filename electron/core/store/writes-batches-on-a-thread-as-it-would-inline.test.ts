/**
 * The first sync's writer thread runs MailStore's own batch code on a second connection to the
 * store file: the store must come out exactly as when written inline, a failed batch must leave
 * nothing behind and fail the same way as inline, and the main connection may write meanwhile.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { inlineWriter, openBatchWriter, type BatchWriter } from './batch-writer';
import { MailStore } from './mail-store';
import { migrate } from './migrations';
import { openStoreDatabase } from './open-database';
import type { StoredMessage } from './stored-message';
import { storedMessage } from './testing/sample-messages';

const ACCOUNT = 'acc';
const FOLDER = 'INBOX';
const opened: { store: MailStore; db: Database.Database }[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const { store } of opened.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fileStore(): { store: MailStore; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-writer-'));
  dirs.push(dir);
  const { db } = openStoreDatabase(dir);
  const store = new MailStore(db);
  store.ensureFolder(ACCOUNT, FOLDER);
  opened.push({ store, db });
  return { store, db };
}

/** Newest first, replies stored before their parents, copies, and messages without ids, in batches. */
function batches(): StoredMessage[][] {
  const all: StoredMessage[] = [];
  for (let uid = 600; uid >= 1; uid--) {
    const parent = uid % 5 === 0 ? null : `<m${uid - (uid % 5)}@example.test>`;
    all.push(storedMessage(uid, {
      messageId: uid % 37 === 0 ? null : uid % 41 === 0 ? `<m${uid + 1}@example.test>` : `<m${uid}@example.test>`,
      inReplyTo: parent,
      references: parent ? [parent] : [],
      seen: uid % 3 === 0,
      subject: `Report ${uid % 7} about ${uid}`,
    }));
  }
  return [all.slice(0, 50), all.slice(50, 300), all.slice(300)];
}

async function fill(writer: BatchWriter): Promise<void> {
  const [first, ...rest] = batches();
  await writer.put(ACCOUNT, FOLDER, first!, { index: true });
  await Promise.all(rest.map((batch) => writer.put(ACCOUNT, FOLDER, batch, { index: false })));
  await writer.indexPending();
  await writer.close();
}

const rows = (db: Database.Database) => ({
  messages: db.prepare('SELECT * FROM messages ORDER BY id').all(),
  index: db.prepare('SELECT rowid, subject, sender, recipients, body FROM messages_fts ORDER BY rowid').all(),
});

test('a store written by the thread holds exactly the rows, threads and index of one written inline', async () => {
  const threaded = fileStore();
  const inline = fileStore();
  const writer = openBatchWriter(threaded.store);
  expect(await writer.threaded).toBe(true);
  await fill(writer);
  const other = openBatchWriter(inline.store, 'inline');
  expect(await other.threaded).toBe(false);
  await fill(other);
  expect(rows(threaded.db).messages).toHaveLength(600);
  expect(rows(threaded.db)).toEqual(rows(inline.db));
  expect(threaded.store.search(ACCOUNT, FOLDER, 'report', 1000).total).toBe(600);
});

test('a store in memory is written inline', async () => {
  const db = new Database(':memory:');
  migrate(db);
  const memory = new MailStore(db);
  expect(memory.file).toBeNull();
  expect(await openBatchWriter(memory).threaded).toBe(false);
});

test('a batch that fails on the thread fails as it would inline, leaves nothing behind, and stops later batches', async () => {
  const threaded = fileStore();
  const inline = fileStore();
  // A folder the store does not know breaks the foreign key: the insert fails inside its transaction.
  const broken = [storedMessage(1), storedMessage(2)];
  const direct = inlineWriter(inline.store);
  const inlineError = await direct.put(ACCOUNT, 'Nowhere', broken, { index: true }).catch((error: unknown) => error);
  await expect(direct.put(ACCOUNT, FOLDER, [storedMessage(11)], { index: true })).rejects.toBe(inlineError);
  expect(inline.store.count(ACCOUNT, FOLDER)).toBe(0);
  const writer = openBatchWriter(threaded.store);
  expect(await writer.threaded).toBe(true);
  const good = writer.put(ACCOUNT, FOLDER, [storedMessage(10)], { index: true });
  const failing = writer.put(ACCOUNT, 'Nowhere', broken, { index: true });
  const after = writer.put(ACCOUNT, FOLDER, [storedMessage(11)], { index: true });
  await good;
  const threadError = await failing.catch((error: unknown) => error);
  expect(threadError).toBeInstanceOf(Error);
  expect(inlineError).toBeInstanceOf(Error);
  expect({ name: (threadError as Error).name, message: (threadError as Error).message, code: (threadError as { code?: string }).code }).toEqual({
    name: (inlineError as Error).name,
    message: (inlineError as Error).message,
    code: (inlineError as { code?: string }).code,
  });
  expect((threadError as { code?: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
  await expect(after).rejects.toThrow((threadError as Error).message);
  await writer.close();
  expect(threaded.store.uids(ACCOUNT, FOLDER)).toEqual([10]);
  expect(threaded.store.uids(ACCOUNT, 'Nowhere')).toEqual([]);
});

test('the main connection can write flags while the thread writes batches', async () => {
  const { store } = fileStore();
  const writer = openBatchWriter(store);
  expect(await writer.threaded).toBe(true);
  await writer.put(ACCOUNT, FOLDER, [storedMessage(1000)], { index: true });
  const writing = batches().map((batch) => writer.put(ACCOUNT, FOLDER, batch, { index: true }));
  for (let i = 0; i <= 20; i++) {
    store.setFlag(ACCOUNT, FOLDER, [1000], 'flagged', i % 2 === 0);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(writing);
  await writer.close();
  expect(store.flags(ACCOUNT, FOLDER, 1000)).toEqual({ seen: false, flagged: true });
  expect(store.count(ACCOUNT, FOLDER)).toBe(601);
});
