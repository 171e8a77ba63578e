/**
 * The list and search of encrypted mail with protected headers (RFC 9788): before the message is
 * opened its row says "Encrypted message" (the outer subject is a placeholder); once opened, the
 * subject from inside is listed and found, for this run only: it never reaches the store's file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { MessageView } from '../../../shared/domain';
import { MailStore } from './mail-store';
import { openStoreDatabase } from './open-database';
import { storedMessage } from './testing/sample-messages';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('"Encrypted message" until opened, then the protected subject, listed and found but never written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-store-'));
  dirs.push(dir);
  const { db } = openStoreDatabase(dir);
  const store = new MailStore(db);
  store.ensureFolder('a', 'INBOX');
  store.putMessages('a', 'INBOX', [
    storedMessage(1, { encrypted: true, subject: '[...]' }),
    storedMessage(2, { encrypted: true, subject: 'Sent by a client without header protection' }),
    storedMessage(3, { subject: '[...]' }),
  ]);
  const subjects = () => store.page('a', 'INBOX', 0, 10).messages.map((m) => [m.uid, m.subject]);
  expect(subjects()).toEqual([[3, '[...]'], [2, 'Sent by a client without header protection'], [1, 'Encrypted message']]);

  const opened: MessageView = {
    uid: 1, folder: 'INBOX', subject: 'Merger codename quokkaharbour', from: { name: 'Bob', address: 'bob@example.test' }, to: [], cc: [],
    date: new Date().toISOString(), messageId: null, text: 'details', html: null, remoteContentBlocked: false, attachments: [], parseError: null,
  };
  store.indexInMemoryOnly('a', 'INBOX', 1, opened);
  store.rememberShownSubject('a', 'INBOX', 1, opened.subject);
  expect(subjects()).toContainEqual([1, 'Merger codename quokkaharbour']);
  expect(store.search('a', 'INBOX', 'quokkaharbour', 10).messages.map((m) => [m.uid, m.subject])).toEqual([[1, 'Merger codename quokkaharbour']]);
  expect(store.conversations('a', 'INBOX', 0, 10).conversations.map((c) => c.latest.subject)).toContain('Merger codename quokkaharbour');

  db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes('quokkaharbour'), file).toBe(false);
});

test('a signed message\'s protected subject is what search finds once it was opened', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-store-'));
  dirs.push(dir);
  const { db } = openStoreDatabase(dir);
  const store = new MailStore(db);
  store.ensureFolder('a', 'INBOX');
  store.putMessages('a', 'INBOX', [storedMessage(1, { signed: true, subject: 'Rewritten on the way' })]);
  const view: MessageView = {
    uid: 1, folder: 'INBOX', subject: 'The signed numbat subject', from: { name: 'Bob', address: 'bob@example.test' }, to: [], cc: [],
    date: new Date().toISOString(), messageId: null, text: 'body', html: null, remoteContentBlocked: false, attachments: [], parseError: null,
    headerProtection: { form: 'rfc9788', confidential: false, outerDifferences: [], outerFrom: null },
  };
  store.cacheView('a', 'INBOX', 1, view);
  expect(store.search('a', 'INBOX', 'numbat', 10).messages.map((m) => m.uid)).toEqual([1]);
  store.close();
});
