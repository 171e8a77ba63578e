/**
 * The real message list with N generated messages, alone on a page: what ui.list.maxframe and
 * ui.conversations.maxframe scroll. LIST_KIND picks the flat list or the list grouped by
 * conversation (threads of one to three messages, every tenth one open). Bundled by ui-bench.ts.
 */
import { createRoot } from 'react-dom/client';
import type { ConversationSummary } from '../../shared/conversation-types';
import type { MessageSummary } from '../../shared/domain';
import { ConversationList, conversationRows } from '../../renderer/components/ConversationList';
import { MessageList } from '../../renderer/components/MessageList';

declare global {
  interface Window {
    LIST_COUNT: number;
    LIST_KIND: 'flat' | 'conversations';
  }
}

const count = window.LIST_COUNT;
const start = Date.UTC(2025, 0, 1);
const generated = (): MessageSummary[] => Array.from({ length: count }, (_, i) => ({
  uid: count - i,
  subject: `Quarterly report and budget review number ${count - i}`,
  from: { name: ['Bob Example', 'Carol Finance', 'Dave Project'][i % 3]!, address: 'someone@example.test' },
  to: [{ name: 'Alice', address: 'alice@example.test' }],
  date: new Date(start - i * 60_000).toISOString(),
  seen: i % 3 !== 0,
  flagged: i % 17 === 0,
  hasAttachments: i % 10 === 0,
  size: 2048,
}));

/**
 * Newest first, as the folder lists them: runs of one to three messages, each run a conversation.
 * The page keeps what the app's grouped list keeps: the conversations, and the messages of those open.
 */
function conversationsOf(list: readonly MessageSummary[]) {
  const conversations: ConversationSummary[] = [];
  const members = new Map<string, MessageSummary[]>();
  for (let i = 0; i < list.length; ) {
    const thread = list.slice(i, i + (conversations.length % 3) + 1);
    i += thread.length;
    const id = `<thread-${conversations.length}@example.test>`;
    conversations.push({
      id,
      latest: thread[0]!,
      count: thread.length,
      unread: thread.filter((message) => !message.seen).length,
      flagged: thread.some((message) => message.flagged),
      hasAttachments: thread.some((message) => message.hasAttachments),
      participants: [...new Map(thread.map((message) => [message.from!.address, message.from!])).values()],
    });
    // As the app holds them: the messages of the conversations open, oldest first.
    if (conversations.length % 10 === 1) members.set(id, [...thread].reverse());
  }
  return conversationRows(conversations, new Set(members.keys()), members);
}

const list =
  window.LIST_KIND === 'conversations' ? (
    <ConversationList rows={conversationsOf(generated())} selectedKey={null} onSelect={() => undefined} onToggle={() => undefined} now={new Date(start)} />
  ) : (
    <MessageList messages={generated()} selectedUid={null} onSelect={() => undefined} now={new Date(start)} />
  );

createRoot(document.getElementById('root')!).render(
  <div style={{ height: '720px', width: '440px', display: 'flex', flexDirection: 'column' }}>{list}</div>,
);
