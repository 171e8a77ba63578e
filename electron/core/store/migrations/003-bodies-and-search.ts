/**
 * Migration 3: bodies cached on demand, and the full-text index (FTS5) over sender, recipients,
 * subject and body. Triggers keep the index in step with the messages table, so no code path can
 * forget it. Encrypted messages never get a body row: their plaintext is not written to disk.
 */
import type { Migration } from './migration';

/** Names and addresses of a JSON recipient list as plain words, so the index holds no JSON keys. */
const RECIPIENTS = (column: string) =>
  `SELECT coalesce(group_concat((value ->> 'name') || ' ' || (value ->> 'address'), ' '), '') FROM json_each(${column})`;

export const bodiesAndSearch: Migration = {
  version: 3,
  name: 'cached bodies and full-text search',
  up(db) {
    db.exec(`
      CREATE TABLE bodies (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        view_json TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE messages_fts USING fts5(
        subject, sender, recipients, body,
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
      );
      INSERT INTO messages_fts(rowid, subject, sender, recipients, body)
        SELECT id, subject, from_name || ' ' || from_address, (${RECIPIENTS('to_json')}), '' FROM messages;
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, subject, sender, recipients, body)
        VALUES (new.id, new.subject, new.from_name || ' ' || new.from_address, (${RECIPIENTS('new.to_json')}), '');
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_fts WHERE rowid = old.id;
      END;
    `);
  },
};
