import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { openStoreDatabase, STORE_FILE } from './open-database';

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
