import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from './index';

test('migration 4 adds the hidden mark, leaving every stored message visible', () => {
  const db = new Database(':memory:');
  migrate(db, 3);
  db.exec(`INSERT INTO accounts(id) VALUES ('a'); INSERT INTO folders(account_id, path, name) VALUES ('a', 'INBOX', 'Inbox');
    INSERT INTO messages(account_id, folder, uid, date) VALUES ('a', 'INBOX', 1, 1);`);
  expect(migrate(db, 4)).toBe(4);
  expect(db.prepare('SELECT hidden FROM messages').pluck().get()).toBe(0);
  expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
});

test('a database from a newer Sealmail is refused, not guessed at', () => {
  const db = new Database(':memory:');
  db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  expect(() => migrate(db)).toThrow(/newer Sealmail/);
});
