import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { MessageView } from '../../../shared/domain';
import { MailStore } from './mail-store';
import { openStoreDatabase } from './open-database';
import { storedMessage } from './testing/sample-messages';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const view = (uid: number, text: string): MessageView => ({
  uid, folder: 'INBOX', subject: 'Secret plans', from: { name: 'Bob', address: 'bob@example.test' }, to: [], cc: [],
  date: new Date().toISOString(), messageId: null, text, html: null, remoteContentBlocked: false, attachments: [], parseError: null,
});

test('an opened encrypted message is searchable but its plaintext never reaches the disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-store-'));
  dirs.push(dir);
  const { db } = openStoreDatabase(dir);
  const store = new MailStore(db);
  store.ensureFolder('a', 'INBOX');
  store.putMessages('a', 'INBOX', [storedMessage(1, { encrypted: true }), storedMessage(2)]);

  store.cacheView('a', 'INBOX', 1, view(1, 'the rendezvous is at platypusbridge'));
  store.cacheView('a', 'INBOX', 2, view(2, 'ordinary wombatmeadow text'));
  // A decrypted view the mail service will not cache can still be made findable, in memory only.
  store.putMessages('a', 'INBOX', [storedMessage(3)]);
  store.indexInMemoryOnly('a', 'INBOX', 3, view(3, 'decrypted echidnacanyon words'));
  expect(store.search('a', 'INBOX', 'echidnacanyon', 10).messages.map((m) => m.uid)).toEqual([3]);
  expect(store.cachedView('a', 'INBOX', 3)).toBeNull();

  expect(store.cachedView('a', 'INBOX', 1)).toBeNull();
  expect(store.cachedView('a', 'INBOX', 2)?.text).toContain('wombatmeadow');
  expect(store.search('a', 'INBOX', 'platypusbridge', 10).messages.map((m) => m.uid)).toEqual([1]);
  expect(store.search('a', 'INBOX', 'wombatmeadow', 10).messages.map((m) => m.uid)).toEqual([2]);

  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, file));
    expect(bytes.includes('platypusbridge'), file).toBe(false);
    expect(bytes.includes('echidnacanyon'), file).toBe(false);
  }
  expect(readFileSync(join(dir, 'store.sqlite')).includes('wombatmeadow')).toBe(true);
});
