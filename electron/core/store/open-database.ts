/**
 * Opens the profile's message store (store.sqlite), migrated to the current schema. The store is a
 * cache of what the servers hold, so a file that is corrupt, locked by another process or from a
 * newer Sealmail is moved aside and started afresh, to be refilled by sync; the caller is told
 * why, so the user sees one clear sentence. Queued commands live in another file and survive this.
 *
 * Opening reads the header and the schema only, so a start costs the same with 100 messages or
 * 100,000; the check of every page runs afterwards on a thread (store-integrity.ts), and damage
 * it finds is marked for the next start to set the file aside.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export const STORE_FILE = 'store.sqlite';

export interface OpenedStore {
  db: Database.Database;
  /** Why the old file was set aside and the store rebuilt; null when it opened normally. */
  rebuilt: string | null;
}

/** Beside the store: written when the check after a start found it damaged, so that the next start rebuilds it. */
export const damageMarker = (path: string) => `${path}.damaged`;

/** Marks the store at `path` for rebuilding at the next start. */
export function markDamaged(path: string, finding: string): void {
  writeFileSync(damageMarker(path), `${finding}\n`, { mode: 0o600 });
}

export function openStoreDatabase(profileDir: string, file = STORE_FILE): OpenedStore {
  mkdirSync(profileDir, { recursive: true, mode: 0o700 });
  const path = join(profileDir, file);
  if (existsSync(damageMarker(path))) {
    setAside(path);
    rmSync(damageMarker(path), { force: true });
    return { db: openAndMigrate(path), rebuilt: 'the message store was damaged' };
  }
  try {
    return { db: openAndMigrate(path), rebuilt: null };
  } catch (error) {
    const reason = describe(error);
    setAside(path);
    return { db: openAndMigrate(path), rebuilt: reason };
  }
}

/** How long a connection waits for another's write (the first sync's writer thread) before failing busy. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * One more connection to an opened store, for the first sync's writer thread: same settings, no
 * check or migration (the main process did both when it opened the file).
 */
export function connectStore(path: string): Database.Database {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS, fileMustExist: true });
  try {
    configure(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function configure(db: Database.Database): void {
  // WAL lets the main connection read (and write between batches) while the writer thread commits.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

function openAndMigrate(path: string): Database.Database {
  // A short wait while opening: a file locked by another program is reported, not waited on.
  const db = new Database(path, { timeout: 2000 });
  try {
    configure(db);
    // Reading the schema proves the file is a database with a readable header and schema pages; a
    // damaged page further in is found by the check that runs after the start (store-integrity.ts).
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    migrate(db);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function describe(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'the message store was locked by another program';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return 'the message store was damaged';
  return `the message store could not be opened (${(error as Error).message})`;
}

/** Keeps the old file beside the new one for inspection, rather than deleting evidence. */
function setAside(path: string): void {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(path + suffix)) continue;
    try {
      renameSync(path + suffix, `${path}.broken-${stamp}${suffix}`);
    } catch {
      rmSync(path + suffix, { force: true });
    }
  }
}
