/** A migrated store in memory, as the sync tests fill it: nothing on disk, gone with the test. */
import Database from 'better-sqlite3';
import { MailStore } from '../mail-store';
import { migrate } from '../migrations';

export function memoryStore(): MailStore {
  const db = new Database(':memory:');
  migrate(db);
  return new MailStore(db);
}
