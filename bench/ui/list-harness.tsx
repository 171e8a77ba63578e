/**
 * The real message list with N generated messages, alone on a page: what ui.list.maxframe and
 * ui.conversations.maxframe scroll. LIST_KIND picks the flat list or the list grouped by
 * conversation (threads of one to three messages, every tenth one open). Bundled by ui-bench.ts.
 */
import { createRoot } from 'react-dom/client';
import type { ConversationSummary } from '../../shared/conversation-types';
import type { MessageSummary } from '../../shared/domain';
import { ConversationList, conversationKey, conversationRows } from '../../renderer/components/ConversationList';
import { MessageList } from '../../renderer/components/MessageList';

declare global {
  interface Window {
    LIST_COUNT: number;
    LIST_KIND: 'flat' | 'conversations';
  }
}

const count = window.LIST_COUNT;
const start = Date.UTC(2025, 0, 1);
const SENDERS = ['Bob Example', 'Carol Finance', 'Dave Project'];

/**
 * Strings as the app receives them, decoded from IPC: flat. A template literal makes a two-part
 * string that V8 flattens, copying it, the first time it is hashed or drawn, which the app never pays.
 */
const flat = (...parts: Array<string | number>): string => parts.join('');

/** The i-th message of the folder, newest first. */
const messageAt = (i: number): MessageSummary => ({
  uid: count - i,
  subject: flat('Quarterly report and budget review number ', count - i),
  from: { name: SENDERS[i % 3]!, address: 'someone@example.test' },
  to: [{ name: 'Alice', address: 'alice@example.test' }],
  date: new Date(start - i * 60_000).toISOString(),
  seen: i % 3 !== 0,
  flagged: i % 17 === 0,
  hasAttachments: i % 10 === 0,
  size: 2048,
});

/**
 * Newest first, as the folder lists them: runs of one to three messages, each run a conversation.
 * The page builds and keeps only what the app's grouped list keeps (the conversations, and the
 * messages of those open), so it starts with no more garbage to collect than the flat list's page.
 */
function conversationRowsOfFolder() {
  const conversations: ConversationSummary[] = [];
  const members = new Map<string, MessageSummary[]>();
  for (let first = 0; first < count; ) {
    const size = Math.min((conversations.length % 3) + 1, count - first);
    const id = flat('<thread-', conversations.length, '@example.test>');
    let unread = 0;
    let flagged = false;
    let hasAttachments = false;
    for (let i = first; i < first + size; i++) {
      if (i % 3 === 0) unread++;
      flagged ||= i % 17 === 0;
      hasAttachments ||= i % 10 === 0;
    }
    const participants = Array.from({ length: Math.min(size, 3) }, (_, k) => ({ name: SENDERS[(first + size - 1 - k) % 3]!, address: 'someone@example.test' }));
    conversations.push({ id, latest: messageAt(first), count: size, unread, flagged, hasAttachments, participants });
    // Every tenth conversation open, its messages oldest first.
    if (conversations.length % 10 === 1) members.set(conversationKey({ id }), Array.from({ length: size }, (_, k) => messageAt(first + size - 1 - k)));
    first += size;
  }
  return conversationRows(conversations, new Set(members.keys()), members);
}

const list =
  window.LIST_KIND === 'conversations' ? (
    <ConversationList rows={conversationRowsOfFolder()} selectedKey={null} onSelect={() => undefined} onToggle={() => undefined} now={new Date(start)} />
  ) : (
    <MessageList messages={Array.from({ length: count }, (_, i) => messageAt(i))} selectedUid={null} onSelect={() => undefined} now={new Date(start)} />
  );

createRoot(document.getElementById('root')!).render(
  <div style={{ height: '720px', width: '440px', display: 'flex', flexDirection: 'column' }}>{list}</div>,
);
