import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { MailStore } from './mail-store';
import { damageMarker, openStoreDatabase, STORE_FILE } from './open-database';
import { checkAfterStart } from './store-integrity';
import { storedMessage } from './testing/sample-messages';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const profile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-store-'));
  dirs.push(dir);
  return dir;
};

test('a fresh profile gets a migrated store and no complaint', () => {
  const { db, rebuilt } = openStoreDatabase(profile());
  expect(rebuilt).toBeNull();
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  db.close();
});

test('a damaged file is set aside, said so, and replaced by an empty store', () => {
  const dir = profile();
  writeFileSync(join(dir, STORE_FILE), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0xab)]));
  const { db, rebuilt } = openStoreDatabase(dir);
  expect(rebuilt).toMatch(/damaged/);
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  expect(readdirSync(dir).some((name) => name.startsWith(`${STORE_FILE}.broken-`))).toBe(true);
  db.close();
});

test('a store locked by another program is reported and rebuilt rather than hanging', () => {
  const dir = profile();
  openStoreDatabase(dir).db.close();
  const holder = new Database(join(dir, STORE_FILE));
  holder.pragma('locking_mode = EXCLUSIVE');
  holder.exec('BEGIN EXCLUSIVE');
  const { db, rebuilt } = openStoreDatabase(dir);
  expect(rebuilt).toMatch(/locked/);
  expect(existsSync(join(dir, STORE_FILE))).toBe(true);
  db.close();
  holder.close();
});

test('a store damaged past its schema opens at once; the check after the start finds it, says so, and the next start rebuilds it', async () => {
  const dir = profile();
  const first = openStoreDatabase(dir);
  const store = new MailStore(first.db);
  store.ensureFolder('acc', 'INBOX');
  store.putMessages('acc', 'INBOX', Array.from({ length: 3000 }, (_, i) => storedMessage(i + 1)), { index: true });
  store.close();
  // Garbage over a page in the middle of the file: rows, an index or the search index, not the schema.
  const file = join(dir, STORE_FILE);
  const pages = statSync(file).size / 4096;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pages * 0.6) * 4096);
  closeSync(fd);

  const opened = openStoreDatabase(dir);
  expect(opened.rebuilt).toBeNull();
  const damage: string[] = [];
  const check = checkAfterStart(join(dir, STORE_FILE), (finding) => damage.push(finding), 0);
  expect(await check.done).not.toBe('ok');
  expect(damage).toHaveLength(1);
  opened.db.close();

  const next = openStoreDatabase(dir);
  expect(next.rebuilt).toMatch(/damaged/);
  expect(new MailStore(next.db).count('acc', 'INBOX')).toBe(0);
  expect(readdirSync(dir).some((name) => name.startsWith(`${STORE_FILE}.broken-`))).toBe(true);
  next.db.close();
  // Rebuilt once: the start after that opens the new store as it is.
  expect(openStoreDatabase(dir).rebuilt).toBeNull();
});

test('a sound store passes the check after the start and nothing is marked', async () => {
  const dir = profile();
  const { db } = openStoreDatabase(dir);
  const check = checkAfterStart(join(dir, STORE_FILE), () => expect.unreachable('a sound store was reported damaged'), 0);
  expect(await check.done).toBe('ok');
  db.close();
  expect(existsSync(damageMarker(join(dir, STORE_FILE)))).toBe(false);
});
