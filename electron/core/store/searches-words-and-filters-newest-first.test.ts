import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { MailStore } from './mail-store';
import { migrate } from './migrations';
import { parseSearch } from './search-query';
import { storedMessage } from './testing/sample-messages';

function storeWith() {
  const db = new Database(':memory:');
  migrate(db);
  const store = new MailStore(db);
  store.ensureFolder('a', 'INBOX');
  store.putMessages('a', 'INBOX', [
    storedMessage(1, { subject: 'Quarterly report draft', from: { name: 'Carol Finance', address: 'carol@example.test' }, seen: true }),
    storedMessage(2, { subject: 'Lunch on Friday?', hasAttachments: true }),
    storedMessage(3, { subject: 'Report: final', signed: true, to: [{ name: 'Dave', address: 'dave@example.test' }] }),
    storedMessage(4, { subject: 'Grüße aus Berlin', encrypted: true, flagged: true }),
  ]);
  return store;
}

const uids = (store: MailStore, query: string) => store.search('a', 'INBOX', query, 50).messages.map((m) => m.uid);

test('words match sender, recipients and subject as prefixes, newest first', () => {
  const store = storeWith();
  expect(uids(store, 'report')).toEqual([3, 1]);
  expect(uids(store, 'repo')).toEqual([3, 1]);
  expect(uids(store, 'carol')).toEqual([1]);
  expect(uids(store, 'dave')).toEqual([3]);
  expect(uids(store, 'grusse')).toEqual([]);
  expect(uids(store, 'gruße')).toEqual([4]);
  expect(uids(store, 'grüsse berlin')).toEqual([]);
  expect(uids(store, 'Grüße berlin')).toEqual([4]);
});

test('field filters narrow a word to one field, and flags filter', () => {
  const store = storeWith();
  expect(uids(store, 'from:carol')).toEqual([1]);
  expect(uids(store, 'to:dave')).toEqual([3]);
  expect(uids(store, 'subject:lunch')).toEqual([2]);
  expect(uids(store, 'from:lunch')).toEqual([]);
  expect(uids(store, 'has:attachment')).toEqual([2]);
  expect(uids(store, 'is:unread')).toEqual([4, 3, 2]);
  expect(uids(store, 'is:unread report')).toEqual([3]);
  expect(uids(store, 'is:signed')).toEqual([3]);
  expect(uids(store, 'is:encrypted')).toEqual([4]);
  expect(uids(store, 'is:flagged')).toEqual([4]);
  expect(uids(store, 'subject:"report draft"')).toEqual([1]);
});

test('whatever the user types is a valid query, never an FTS5 syntax error', () => {
  const store = storeWith();
  for (const typed of ['"', 'from:', 'a"b', 'NOT', 'OR AND', '*', '(', 'subject:"unclosed', '-x', '^', 'near(a b)', ':']) {
    expect(() => store.search('a', 'INBOX', typed, 10), typed).not.toThrow();
  }
  expect(parseSearch('is:unread from:bob hello')).toEqual({ match: 'sender : "bob"* AND "hello"*', filters: ['unread'] });
});

test('hidden messages (a pending move or delete) are left out of lists and searches', () => {
  const store = storeWith();
  store.setHidden('a', 'INBOX', [3], true);
  expect(uids(store, 'report')).toEqual([1]);
  expect(store.page('a', 'INBOX', 0, 10).messages.map((m) => m.uid)).toEqual([4, 2, 1]);
  expect(store.page('a', 'INBOX', 0, 10).total).toBe(3);
});

test('replies join the thread of the message they reference', () => {
  const store = storeWith();
  store.putMessages('a', 'INBOX', [
    storedMessage(10, { messageId: '<root@x>' }),
    storedMessage(11, { messageId: '<reply@x>', inReplyTo: '<root@x>', references: ['<root@x>'] }),
    storedMessage(12, { messageId: '<reply2@x>', inReplyTo: '<reply@x>', references: [] }),
  ]);
  expect(store.threadOf('a', 'INBOX', 12)).toEqual([10, 11, 12]);
  expect(store.threadOf('a', 'INBOX', 1)).toEqual([1]);
});
