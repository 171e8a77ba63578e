import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { migrate } from './index';

test('migration 2 adds thread columns and starts each existing message a thread of its own', () => {
  const db = new Database(':memory:');
  migrate(db, 1);
  db.exec(`INSERT INTO accounts(id) VALUES ('a'); INSERT INTO folders(account_id, path, name) VALUES ('a', 'INBOX', 'Inbox');
    INSERT INTO messages(account_id, folder, uid, message_id, date) VALUES ('a', 'INBOX', 1, '<x@example.test>', 1);
    INSERT INTO messages(account_id, folder, uid, date) VALUES ('a', 'INBOX', 2, 2);`);
  expect(migrate(db, 2)).toBe(2);
  const threads = db.prepare('SELECT uid, thread_id, references_json FROM messages ORDER BY uid').all();
  expect(threads).toEqual([
    { uid: 1, thread_id: '<x@example.test>', references_json: '[]' },
    { uid: 2, thread_id: expect.stringMatching(/^uid:/), references_json: '[]' },
  ]);
});
