// The grouped list asks for its rows one at a time (conversation-rows.ts); every answer must be
// the row the whole tree, built the simple way, has at that place.
import { expect, test } from 'vitest';
import type { ConversationSummary } from '../../shared/conversation-types';
import type { MessageSummary } from '../../shared/domain';
import { ConversationRows, conversationKey, messageKey, type ConversationRow } from './conversation-rows';

const message = (uid: number): MessageSummary => ({
  uid, subject: `Note ${uid}`, from: { name: 'Bob', address: 'bob@example.test' }, to: [],
  date: new Date(Date.UTC(2026, 0, 1) + uid * 60_000).toISOString(), seen: true, flagged: false, hasAttachments: false, size: 1,
});

/** A folder of `count` conversations of 1 to 4 messages (uids from 1), some open, some open with messages still loading. */
function folder(count: number, seed: number) {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const conversations: ConversationSummary[] = [];
  const expanded = new Set<string>();
  const members = new Map<string, MessageSummary[]>();
  let uid = 1;
  for (let i = 0; i < count; i++) {
    const size = 1 + Math.floor(random() * 4);
    const messages = Array.from({ length: size }, () => message(uid++));
    const id = `<t${i}@example.test>`;
    conversations.push({ id, latest: messages.at(-1)!, count: size, unread: 0, flagged: false, hasAttachments: false, participants: [] });
    const roll = random();
    if (roll < 0.3) {
      expanded.add(conversationKey({ id }));
      members.set(conversationKey({ id }), messages);
    } else if (roll < 0.35) expanded.add(conversationKey({ id })); // opened, its messages not loaded yet
  }
  return { conversations, expanded, members };
}

/** The whole tree at once, as the grouped list used to build it. */
function everyRow({ conversations, expanded, members }: ReturnType<typeof folder>): ConversationRow[] {
  const rows: ConversationRow[] = [];
  conversations.forEach((conversation, index) => {
    const open = conversation.count > 1 && expanded.has(conversationKey(conversation));
    rows.push({ kind: 'conversation', key: conversationKey(conversation), conversation, expanded: open, position: index + 1, size: conversations.length });
    if (!open) return;
    const messages = members.get(conversationKey(conversation)) ?? [];
    messages.forEach((m, place) => rows.push({ kind: 'message', key: messageKey(m), conversation, message: m, position: place + 1, size: messages.length }));
  });
  return rows;
}

test.each([1, 2, 3])('every row, and the place of every key, is what the whole tree has (folder %i)', (seed) => {
  const data = folder(400, seed);
  const expected = everyRow(data);
  const rows = new ConversationRows(data.conversations, data.expanded, data.members);
  expect(rows.length).toBe(expected.length);
  // Asked out of order, as a scrolled or jumped-to list asks.
  const order = expected.map((_, i) => i).sort((a, b) => ((a * 7919) % 1009) - ((b * 7919) % 1009));
  for (const i of order) expect(rows.at(i)).toEqual(expected[i]);
  expected.forEach((row, i) => {
    expect(rows.indexOfKey(row.key)).toBe(i);
    if (row.kind === 'message') expect(rows.indexOfMember(row.message.uid)).toBe(i);
    else expect(rows.indexOfLatest(row.conversation.latest.uid)).toBe(i);
  });
  expect(rows.all()).toEqual(expected);
});

test('a row that stays in view is the same object each time it is asked for', () => {
  const data = folder(50, 4);
  const rows = new ConversationRows(data.conversations, data.expanded, data.members);
  expect(rows.at(10)).toBe(rows.at(10));
});

test('keys and uids the tree does not show are not found', () => {
  const data = folder(50, 5);
  const rows = new ConversationRows(data.conversations, data.expanded, data.members);
  const closed = data.conversations.find((c) => c.count > 1 && !data.expanded.has(conversationKey(c)))!;
  const hiddenUid = closed.latest.uid - 1; // an older message of a closed conversation
  expect(rows.indexOfMember(hiddenUid)).toBe(-1);
  expect(rows.indexOfKey(messageKey({ uid: hiddenUid }))).toBe(-1);
  expect(rows.indexOfKey('c:<nowhere@example.test>')).toBe(-1);
  expect(rows.indexOfKey('x:1')).toBe(-1);
  expect(rows.indexOfLatest(hiddenUid)).toBe(-1);
});
