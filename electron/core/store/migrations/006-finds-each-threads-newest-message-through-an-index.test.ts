import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { CONVERSATION_HEADS_SQL } from '../conversations';
import { migrate } from './index';

const plan = (db: Database.Database) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${CONVERSATION_HEADS_SQL}`).all({ accountId: 'a', folder: 'INBOX', limit: 100, offset: 0 }) as { detail: string }[]).map((row) => row.detail);

test('migration 6 indexes threads per folder, so a page of conversations is found without scanning the folder', () => {
  const db = new Database(':memory:');
  migrate(db, 5);
  db.exec(`INSERT INTO accounts(id) VALUES ('a'); INSERT INTO folders(account_id, path, name) VALUES ('a', 'INBOX', 'Inbox');
    INSERT INTO messages(account_id, folder, uid, date, thread_id) VALUES ('a', 'INBOX', 1, 1, '<t@example.test>'), ('a', 'INBOX', 2, 2, '<t@example.test>');`);
  expect(migrate(db, 6)).toBe(6);

  const steps = plan(db);
  // Newest first along the folder's date index, and one seek per message into the new thread index.
  expect(steps.some((step) => step.includes('USING INDEX messages_newest_first'))).toBe(true);
  expect(steps.some((step) => step.includes('USING COVERING INDEX messages_by_folder_thread (account_id=? AND folder=? AND thread_id=? AND hidden=?)'))).toBe(true);
  expect(steps.some((step) => /^SCAN|TEMP B-TREE/.test(step))).toBe(false);
  // The existing messages count into the index: only the newest of the thread heads it.
  expect(db.prepare(CONVERSATION_HEADS_SQL).all({ accountId: 'a', folder: 'INBOX', limit: 10, offset: 0 }).map((row) => (row as { uid: number }).uid)).toEqual([2]);
});
