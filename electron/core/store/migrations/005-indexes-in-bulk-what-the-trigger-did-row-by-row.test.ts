import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { MailStore } from '../mail-store';
import { storedMessage } from '../testing/sample-messages';
import { migrate } from './index';

test('migration 5 drops the per-row trigger; the store indexes new rows in bulk and nothing is left out', () => {
  const db = new Database(':memory:');
  migrate(db, 4);
  db.exec(`INSERT INTO accounts(id) VALUES ('a'); INSERT INTO folders(account_id, path, name) VALUES ('a', 'INBOX', 'Inbox');
    INSERT INTO messages(account_id, folder, uid, subject, date) VALUES ('a', 'INBOX', 1, 'Indexed by the old trigger', 1);`);
  expect(migrate(db, 5)).toBe(5);
  expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'messages_fts_insert'").pluck().get()).toBe(0);

  const store = new MailStore(db);
  store.putMessages('a', 'INBOX', [storedMessage(2, { subject: 'Indexed in bulk' })], { index: false });
  expect(store.search('a', 'INBOX', 'bulk', 10).messages).toEqual([]);
  store.indexPending();
  expect(store.search('a', 'INBOX', 'bulk', 10).messages.map((m) => m.uid)).toEqual([2]);
  expect(store.search('a', 'INBOX', 'trigger', 10).messages.map((m) => m.uid)).toEqual([1]);
  expect(db.prepare('SELECT count(*) FROM messages_fts').pluck().get()).toBe(2);
});
