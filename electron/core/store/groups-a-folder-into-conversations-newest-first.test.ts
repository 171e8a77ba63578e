import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { MailStore, threadLookupSql } from './mail-store';
import { migrate } from './migrations';
import { storedMessage } from './testing/sample-messages';

const id = (n: number) => `<m${n}@example.test>`;
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 12, minute)).toISOString();
const carol = { name: 'Carol', address: 'carol@example.test' };
const dave = { name: 'Dave', address: 'dave@example.test' };

function emptyStore() {
  const db = new Database(':memory:');
  migrate(db);
  const store = new MailStore(db);
  store.ensureFolder('a', 'INBOX');
  return store;
}

/** Two conversations and a lone message: 1 <- 2 <- 4 (a thread of three) and 3 <- 5; 6 alone. */
function storeWithThreads() {
  const store = emptyStore();
  store.putMessages('a', 'INBOX', [
    storedMessage(1, { date: at(1), subject: 'Plans', seen: true }),
    storedMessage(2, { date: at(2), subject: 'Re: Plans', from: carol, inReplyTo: id(1), references: [id(1)] }),
    storedMessage(3, { date: at(3), subject: 'Budget', from: dave, seen: true }),
    storedMessage(4, { date: at(4), subject: 'Re: Plans', from: dave, inReplyTo: id(2), references: [id(1), id(2)], flagged: true }),
    storedMessage(5, { date: at(5), subject: 'Re: Budget', inReplyTo: id(3), references: [id(3)], seen: true, hasAttachments: true }),
    storedMessage(6, { date: at(6), subject: 'Lunch' }),
  ]);
  return store;
}

const rows = (store: MailStore) =>
  store.conversations('a', 'INBOX', 0, 50).conversations.map((c) => ({ latest: c.latest.uid, count: c.count, unread: c.unread }));

test('conversations come newest first by their newest message, with message and unread counts', () => {
  const store = storeWithThreads();
  expect(rows(store)).toEqual([
    { latest: 6, count: 1, unread: 1 },
    { latest: 5, count: 2, unread: 0 },
    { latest: 4, count: 3, unread: 2 },
  ]);
  const page = store.conversations('a', 'INBOX', 0, 50);
  expect(page).toMatchObject({ messages: 6, offset: 0, hasMore: false });
});

test('a conversation names its distinct senders oldest first, and whether any message is flagged or has attachments', () => {
  const [lunch, budget, plans] = storeWithThreads().conversations('a', 'INBOX', 0, 50).conversations;
  expect(plans!.participants.map((p) => p.address)).toEqual(['bob@example.test', 'carol@example.test', 'dave@example.test']);
  expect(budget!.participants.map((p) => p.address)).toEqual(['dave@example.test', 'bob@example.test']);
  expect(lunch!.participants.map((p) => p.address)).toEqual(['bob@example.test']);
  expect([plans!.flagged, plans!.hasAttachments, budget!.flagged, budget!.hasAttachments]).toEqual([true, false, false, true]);
  expect(plans!.latest.subject).toBe('Re: Plans');
});

test('pages of conversations follow one another without gaps or repeats', () => {
  const store = storeWithThreads();
  const first = store.conversations('a', 'INBOX', 0, 2);
  const second = store.conversations('a', 'INBOX', 2, 2);
  expect(first.conversations.map((c) => c.latest.uid)).toEqual([6, 5]);
  expect(first.hasMore).toBe(true);
  expect(second.conversations.map((c) => c.latest.uid)).toEqual([4]);
  expect(second.hasMore).toBe(false);
});

test('a reply arriving joins its conversation and moves it to the top', () => {
  const store = storeWithThreads();
  const before = store.conversations('a', 'INBOX', 0, 50).conversations.find((c) => c.latest.uid === 4)!;
  store.putMessages('a', 'INBOX', [storedMessage(7, { date: at(7), subject: 'Re: Plans', from: carol, inReplyTo: id(4), references: [id(1), id(2), id(4)] })]);
  const after = store.conversations('a', 'INBOX', 0, 50).conversations;
  expect(after.map((c) => ({ latest: c.latest.uid, count: c.count }))).toEqual([
    { latest: 7, count: 4 },
    { latest: 6, count: 1 },
    { latest: 5, count: 2 },
  ]);
  expect(after[0]!.id).toBe(before.id);
  expect(store.conversation('a', 'INBOX', 7).map((m) => m.uid)).toEqual([1, 2, 4, 7]);
});

test('replies stored before the message they answer (a first sync runs newest first) end up in one conversation', () => {
  const store = emptyStore();
  // Only In-Reply-To, no References, as some clients send: 9 answers 8, which answers 7.
  store.putMessages('a', 'INBOX', [storedMessage(9, { date: at(9), inReplyTo: id(8) })]);
  store.putMessages('a', 'INBOX', [storedMessage(8, { date: at(8), inReplyTo: id(7) })]);
  store.putMessages('a', 'INBOX', [storedMessage(7, { date: at(7) })]);
  expect(rows(store)).toEqual([{ latest: 9, count: 3, unread: 3 }]);
  expect(store.conversation('a', 'INBOX', 8).map((m) => m.uid)).toEqual([7, 8, 9]);
});

test('messages hidden by a pending delete leave their conversation, and come back with Undo', () => {
  const store = storeWithThreads();
  store.setHidden('a', 'INBOX', [4], true);
  expect(rows(store)).toContainEqual({ latest: 2, count: 2, unread: 1 });
  expect(store.conversation('a', 'INBOX', 1).map((m) => m.uid)).toEqual([1, 2]);
  store.setHidden('a', 'INBOX', [4], false);
  expect(rows(store)).toContainEqual({ latest: 4, count: 3, unread: 2 });
});

test('a conversation is kept to its folder: the same thread in another folder is counted there', () => {
  const store = storeWithThreads();
  store.ensureFolder('a', 'Sent');
  store.putMessages('a', 'Sent', [storedMessage(1, { messageId: '<sent1@example.test>', date: at(10), inReplyTo: id(4), references: [id(1), id(4)] })]);
  expect(rows(store)[0]).toEqual({ latest: 6, count: 1, unread: 1 });
  expect(store.conversations('a', 'Sent', 0, 10).conversations.map((c) => c.count)).toEqual([1]);
  expect(store.conversation('a', 'INBOX', 4).map((m) => m.uid)).toEqual([1, 2, 4]);
});

test('an unknown message has no conversation', () => {
  expect(storeWithThreads().conversation('a', 'INBOX', 99)).toEqual([]);
});

test('finding the thread of a message being stored is two index seeks, never a scan of the account', () => {
  const db = new Database(':memory:');
  migrate(db);
  const steps = (db.prepare(`EXPLAIN QUERY PLAN ${threadLookupSql(3)}`).all('a', 'x', 'y', 'z', 'a', 'x', 'y', 'z') as { detail: string }[]).map((row) => row.detail);
  expect(steps.some((step) => step.includes('messages_by_message_id (account_id=? AND message_id=?)'))).toBe(true);
  expect(steps.some((step) => step.includes('messages_by_thread (account_id=? AND thread_id=?)'))).toBe(true);
  expect(steps.some((step) => /^SCAN messages|thread_id>\?/.test(step))).toBe(false);
});
