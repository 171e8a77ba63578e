/** Migration 2: threads, from the References and In-Reply-To headers (RFC 5322 §3.6.4). */
import type { Migration } from './migration';

export const threads: Migration = {
  version: 2,
  name: 'threads by References and In-Reply-To',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN in_reply_to TEXT;
      ALTER TABLE messages ADD COLUMN references_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE messages ADD COLUMN thread_id TEXT;
      UPDATE messages SET thread_id = COALESCE(message_id, 'uid:' || id);
      CREATE INDEX messages_by_message_id ON messages(account_id, message_id);
      CREATE INDEX messages_by_thread ON messages(account_id, thread_id);
    `);
  },
};
