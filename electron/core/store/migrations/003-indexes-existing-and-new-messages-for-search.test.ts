import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { migrate } from './index';

test('migration 3 indexes the messages already stored, and triggers keep the index in step', () => {
  const db = new Database(':memory:');
  migrate(db, 2);
  db.exec(`INSERT INTO accounts(id) VALUES ('a'); INSERT INTO folders(account_id, path, name) VALUES ('a', 'INBOX', 'Inbox');
    INSERT INTO messages(account_id, folder, uid, subject, from_name, from_address, to_json, date)
      VALUES ('a', 'INBOX', 1, 'Quarterly report', 'Carol', 'carol@example.test', '[{"name":"Alice","address":"alice@example.test"}]', 1);`);
  expect(migrate(db, 3)).toBe(3);
  const match = (q: string) => db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck().all(q);
  expect(match('quarterly')).toHaveLength(1);
  expect(match('recipients : alice')).toHaveLength(1);
  // The JSON keys of the recipient list are not words of the message.
  expect(match('recipients : address')).toHaveLength(0);

  db.prepare("INSERT INTO messages(account_id, folder, uid, subject, date) VALUES ('a', 'INBOX', 2, 'Lunch plans', 2)").run();
  expect(match('lunch')).toHaveLength(1);
  db.prepare('DELETE FROM messages WHERE uid = 2').run();
  expect(match('lunch')).toHaveLength(0);
});
