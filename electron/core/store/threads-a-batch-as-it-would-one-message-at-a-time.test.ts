/**
 * putMessages threads a whole batch with one lookup and asks threadFor only about messages related
 * to something: the threads must come out exactly as when every message is stored on its own,
 * whatever the order (replies before their parents, as a first sync stores newest first), with
 * copies of one message, and with threads already stored.
 */
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { MailStore } from './mail-store';
import { migrate } from './migrations';
import type { StoredMessage } from './stored-message';
import { storedMessage } from './testing/sample-messages';

const id = (n: number) => `<t${n}@example.test>`;

/**
 * 1 <- 2 <- 3 (3 names both) <- 12 (naming 3 only), 4 <- 5 with 5 arriving first, a copy of 6 as 7,
 * 8 and 9 alone, 10 without any id, 11 and 13 replying to stored messages (13 to 101, which is in
 * the thread of 100 without naming it).
 */
function mailbox(): StoredMessage[] {
  return [
    storedMessage(1, { messageId: id(1) }),
    storedMessage(2, { messageId: id(2), inReplyTo: id(1), references: [id(1)] }),
    storedMessage(3, { messageId: id(3), inReplyTo: id(2), references: [id(1), id(2)] }),
    storedMessage(5, { messageId: id(5), inReplyTo: id(4), references: [id(4)] }),
    storedMessage(4, { messageId: id(4) }),
    storedMessage(6, { messageId: id(6) }),
    storedMessage(7, { messageId: id(6) }),
    storedMessage(8, { messageId: id(8) }),
    storedMessage(9, { messageId: id(9) }),
    storedMessage(10, { messageId: null }),
    storedMessage(11, { messageId: id(11), inReplyTo: id(100), references: [id(100)] }),
    storedMessage(12, { messageId: id(12), inReplyTo: id(3), references: [id(3)] }),
    storedMessage(13, { messageId: id(13), inReplyTo: id(101), references: [id(101)] }),
  ];
}

/** Which messages share a thread, as sets of UIDs (thread names may differ only if both ways agree). */
function threads(db: Database.Database): Record<string, string> {
  const rows = db.prepare("SELECT uid, thread_id FROM messages WHERE folder = 'INBOX' ORDER BY uid").all() as { uid: number; thread_id: string }[];
  return Object.fromEntries(rows.map((row) => [String(row.uid), row.thread_id]));
}

function storeWithAnOlderThread(): { db: Database.Database; store: MailStore } {
  const db = new Database(':memory:');
  migrate(db);
  const store = new MailStore(db);
  store.ensureFolder('a', 'INBOX');
  store.ensureFolder('a', 'Archive');
  store.putMessages('a', 'Archive', [storedMessage(100, { messageId: id(100) }), storedMessage(101, { messageId: id(101), inReplyTo: id(100), references: [id(100)] })]);
  return { db, store };
}

test('a batch is threaded exactly as the same messages stored one at a time, newest first or oldest first', () => {
  for (const order of [mailbox(), mailbox().reverse()]) {
    const oneByOne = storeWithAnOlderThread();
    for (const message of order) oneByOne.store.putMessages('a', 'INBOX', [message]);
    const batched = storeWithAnOlderThread();
    batched.store.putMessages('a', 'INBOX', order);

    expect(threads(batched.db)).toEqual(threads(oneByOne.db));
    const thread = threads(batched.db);
    expect(new Set([thread[1], thread[2], thread[3], thread[12]]).size).toBe(1);
    expect(thread[4]).toBe(thread[5]);
    expect(thread[6]).toBe(thread[7]);
    expect(new Set([thread[1], thread[4], thread[6], thread[8], thread[9], thread[10]]).size).toBe(6);
    expect(thread[11]).toBe(id(100));
    expect(thread[13]).toBe(id(100));
  }
});
