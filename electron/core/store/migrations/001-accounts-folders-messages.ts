/** Migration 1: accounts, folders with their sync state, and message envelopes with flags. */
import type { Migration } from './migration';

export const accountsFoldersMessages: Migration = {
  version: 1,
  name: 'accounts, folders and messages',
  up(db) {
    db.exec(`
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY
      );
      CREATE TABLE folders (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        name TEXT NOT NULL,
        special_use TEXT,
        server_total INTEGER NOT NULL DEFAULT 0,
        server_unread INTEGER NOT NULL DEFAULT 0,
        uidvalidity INTEGER,
        highest_modseq TEXT,
        uidnext INTEGER,
        synced INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, path)
      );
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL,
        folder TEXT NOT NULL,
        uid INTEGER NOT NULL,
        message_id TEXT,
        subject TEXT NOT NULL DEFAULT '',
        from_name TEXT NOT NULL DEFAULT '',
        from_address TEXT NOT NULL DEFAULT '',
        to_json TEXT NOT NULL DEFAULT '[]',
        date INTEGER NOT NULL,
        seen INTEGER NOT NULL DEFAULT 0,
        flagged INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        has_attachments INTEGER NOT NULL DEFAULT 0,
        structure TEXT,
        encrypted INTEGER NOT NULL DEFAULT 0,
        signed INTEGER NOT NULL DEFAULT 0,
        modseq TEXT,
        FOREIGN KEY (account_id, folder) REFERENCES folders(account_id, path) ON DELETE CASCADE,
        UNIQUE (account_id, folder, uid)
      );
      CREATE INDEX messages_newest_first ON messages(account_id, folder, date DESC, uid DESC);
    `);
  },
};
