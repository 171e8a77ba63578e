/**
 * A first sync into a store file writes through a thread; into memory, or where no thread starts,
 * inline. Against the real Dovecot, the same folder synced both ways must give the same rows and
 * search index, and a write failing mid-sync must fail both the same way, leaving whole batches
 * that a later sync completes.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { WriterKind } from '../store/batch-writer';
import { MailStore } from '../store/mail-store';
import { openStoreDatabase } from '../store/open-database';
import { seededFolder } from './testing/seeded-folder';
import { syncFolder } from './sync-folder';
import { serverFlags } from './testing/imap-fixtures';

const seeded = seededFolder('SyncWriter', 1400, 23);
const folder = seeded.path;
const ACCOUNT = 'alice';
const dirs: string[] = [];
const stores: MailStore[] = [];

afterAll(async () => {
  for (const store of stores) store.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function fileStore(): { store: MailStore; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-sync-writer-'));
  dirs.push(dir);
  const { db } = openStoreDatabase(dir);
  const store = new MailStore(db);
  stores.push(store);
  return { store, db };
}

const rows = (db: Database.Database) => ({
  messages: db.prepare('SELECT * FROM messages ORDER BY id').all(),
  index: db.prepare('SELECT rowid, subject, sender, recipients, body FROM messages_fts ORDER BY rowid').all(),
  folders: db.prepare('SELECT account_id, path, uidvalidity, highest_modseq, uidnext, synced FROM folders ORDER BY path').all(),
});

async function firstSync(kind: WriterKind) {
  const { store, db } = fileStore();
  const progress: number[] = [];
  const report = await syncFolder(seeded.session, store, ACCOUNT, folder, { progress: (done) => progress.push(done) }, { writer: kind });
  return { store, db, report, progress };
}

test('a first sync through the writer thread stores exactly what an inline one stores', async () => {
  const threaded = await firstSync('thread');
  const inline = await firstSync('inline');
  expect(threaded.report).toEqual({ kind: 'initial', fetched: 1400, flagChanges: 0, removed: 0 });
  expect(inline.report).toEqual(threaded.report);
  expect(rows(threaded.db).messages).toHaveLength(1400);
  expect(rows(threaded.db)).toEqual(rows(inline.db));
  // Progress follows commits: rising, ending at the folder's size, the same both ways.
  expect(threaded.progress).toEqual(inline.progress);
  expect(threaded.progress.at(-1)).toBe(1400);
  expect(threaded.store.flagList(ACCOUNT, folder)).toEqual(await serverFlags(seeded.other, folder));
});

test('a write failing on the thread fails the sync as inline, keeps whole batches only, and the next sync completes', async () => {
  const outcomes = [];
  for (const kind of ['thread', 'inline'] as const) {
    const { store, db } = fileStore();
    // A trigger in the file, so the writer thread's connection meets it too: the second batch fails as a full disk would.
    db.exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON messages WHEN NEW.uid = 700 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    const error = (await syncFolder(seeded.session, store, ACCOUNT, folder, {}, { writer: kind }).catch((e: unknown) => e)) as Error & { code?: string };
    const kept = store.uids(ACCOUNT, folder);
    outcomes.push({ name: error.name, message: error.message, code: error.code, kept, synced: store.syncState(ACCOUNT, folder)?.synced });
    db.exec('DROP TRIGGER fail_midway');
    const again = await syncFolder(seeded.session, store, ACCOUNT, folder, {}, { writer: kind });
    expect(again.kind).toBe('initial');
    expect(store.flagList(ACCOUNT, folder)).toEqual(await serverFlags(seeded.other, folder));
  }
  expect(outcomes[0]).toEqual(outcomes[1]);
  expect(outcomes[0]).toMatchObject({ message: 'database or disk is full', synced: false });
  // The two newest chunks (50 and 250) committed; the batch holding UID 700 (1 to 1000 of the
  // chunk 1 to 1100, as the server streams it) not at all, nor the one after it, so the store has
  // no gap for the next sync to miss.
  expect(outcomes[0]!.kept).toEqual(Array.from({ length: 300 }, (_, i) => 1101 + i));
});
