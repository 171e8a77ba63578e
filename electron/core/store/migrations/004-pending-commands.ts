/**
 * Migration 4: a message hidden by a command (move, delete, archive) that the server has not
 * confirmed yet. Hiding instead of deleting lets Undo or a refusal bring the row back unchanged.
 */
import type { Migration } from './migration';

export const pendingCommands: Migration = {
  version: 4,
  name: 'messages hidden by pending commands',
  up(db) {
    db.exec(`
      ALTER TABLE messages ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
      DROP INDEX messages_newest_first;
      CREATE INDEX messages_newest_first ON messages(account_id, folder, hidden, date DESC, uid DESC);
    `);
  },
};
