/** Every schema migration in order, and the runner that applies the missing ones. */
import type Database from 'better-sqlite3';
import { accountsFoldersMessages } from './001-accounts-folders-messages';
import { threads } from './002-threads';
import { bodiesAndSearch } from './003-bodies-and-search';
import { pendingCommands } from './004-pending-commands';
import { indexInBulk } from './005-index-in-bulk';
import { conversationIndex } from './006-conversation-index';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [accountsFoldersMessages, threads, bodiesAndSearch, pendingCommands, indexInBulk, conversationIndex];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to `target` (default: the latest), each step in its own transaction with
 * `user_version` bumped in it, so a crash leaves the database at a whole version. Refuses a
 * database from a newer Sealmail rather than guessing at it.
 */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`the message store is from a newer Sealmail (schema ${current}, this one knows ${SCHEMA_VERSION})`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
