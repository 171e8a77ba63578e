/**
 * The message list grouped by conversation: the tree of ConversationList over useConversations.
 * Selecting a conversation shows its newest message in the reader, as Apple Mail and Thunderbird
 * show something at once; its messages open in place beneath it with the twisty or the Right key.
 * Remembers which row was chosen, so the conversation row and its newest message (the same uid)
 * are told apart; when the open message changes from elsewhere, the row showing it is selected.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MessageSummary } from '../../../shared/domain';
import { ConversationList, conversationRows, isConversationKey, type ConversationRow } from '../../components/ConversationList';
import type { useConversations } from './use-conversations';

type Conversations = ReturnType<typeof useConversations>;

export const rowMessage = (row: ConversationRow): MessageSummary => (row.kind === 'conversation' ? row.conversation.latest : row.message);

/** The message with this uid among the conversations shown (their newest messages and the expanded ones). */
export function findShownMessage(threads: Pick<Conversations, 'conversations' | 'members'>, uid: number | null): MessageSummary | null {
  if (uid === null) return null;
  // A message is in one conversation only. Runs on every render of the list pane, so the expanded
  // ones are walked as they are held, not looked up once per conversation of the folder.
  const latest = threads.conversations.find((conversation) => conversation.latest.uid === uid);
  if (latest) return latest.latest;
  for (const [key, messages] of threads.members) {
    const inside = messages.find((m) => m.uid === uid);
    // Shown only while its conversation is still in the list.
    if (inside) return threads.conversations.some((conversation) => isConversationKey(key, conversation)) ? inside : null;
  }
  return null;
}

export interface GroupedMessagesProps {
  threads: Conversations;
  selectedUid: number | null;
  onSelect(message: MessageSummary): void;
}

export function GroupedMessages({ threads, selectedUid, onSelect }: GroupedMessagesProps) {
  const [chosenKey, setChosenKey] = useState<string | null>(null);
  const rows = useMemo(() => conversationRows(threads.conversations, threads.expanded, threads.members), [threads.conversations, threads.expanded, threads.members]);

  const selectedKey = useMemo(() => {
    if (selectedUid === null) return null;
    const chosen = chosenKey === null ? -1 : rows.indexOfKey(chosenKey);
    if (chosen >= 0 && rowMessage(rows.at(chosen)).uid === selectedUid) return chosenKey;
    // An open conversation's message row before a conversation row showing the same message.
    const member = rows.indexOfMember(selectedUid);
    const shown = member >= 0 ? member : rows.indexOfLatest(selectedUid);
    return shown >= 0 ? rows.at(shown).key : null;
  }, [rows, chosenKey, selectedUid]);

  // The same functions on every render, as in the flat list: the rows are memoised on their props,
  // and a new function would draw every row in view again each time the pane renders.
  const latest = useRef({ markSeen: threads.markSeen, onSelect });
  latest.current = { markSeen: threads.markSeen, onSelect };
  const select = useCallback((row: ConversationRow) => {
    setChosenKey(row.key);
    const message = rowMessage(row);
    if (!message.seen) latest.current.markSeen(message.uid);
    latest.current.onSelect(message);
  }, []);
  const { loadMore } = threads;
  const showMore = useCallback(() => void loadMore(), [loadMore]);
  const more = threads.hasMore ? showMore : undefined;
  return (
    <ConversationList
      rows={rows}
      selectedKey={selectedKey}
      onSelect={select}
      onToggle={threads.toggle}
      onLoadMore={more}
      onEndReached={more}
      onScrollingChange={threads.setScrolling}
      loadingMore={threads.loadingMore}
    />
  );
}
