import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { migrate } from './index';

test('migration 1 creates accounts, folders and messages, and a folder takes its messages with it', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  expect(migrate(db, 1)).toBe(1);
  db.prepare("INSERT INTO accounts(id) VALUES ('a')").run();
  db.prepare("INSERT INTO folders(account_id, path, name) VALUES ('a', 'INBOX', 'Inbox')").run();
  db.prepare("INSERT INTO messages(account_id, folder, uid, subject, date) VALUES ('a', 'INBOX', 7, 'Hello', 1)").run();
  expect(() => db.prepare("INSERT INTO messages(account_id, folder, uid, date) VALUES ('a', 'INBOX', 7, 2)").run()).toThrow(/UNIQUE/);

  db.prepare("DELETE FROM folders WHERE path = 'INBOX'").run();
  expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
});
