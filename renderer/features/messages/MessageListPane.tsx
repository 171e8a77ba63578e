/**
 * A folder's messages, newest first from the local store, 100 at a time: scrolling near the end
 * (or "Load more") loads the next page. A search box narrows the list while typing; a small
 * toolbar flags, marks unread, archives or deletes the selected message, with Undo for a moment.
 * Reloads what is shown when the core reports that this folder changed. "Group by conversation"
 * (remembered between runs) shows one row per conversation instead; search results stay flat.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageSummary } from '../../../shared/domain';
import { mapResult } from '../../../shared/result';
import { useApi } from '../../api/api-context';
import { MessageList } from '../../components/MessageList';
import { EmptyState, ErrorAlert, Notice, Spinner } from '../../components/Notices';
import { MessageActions, UndoBar } from './MessageActions';
import { useMessageActions } from './use-message-actions';
import { useShortcut } from '../shortcuts/ShortcutsProvider';
import { useMessageSearch } from './use-message-search';
import { findShownMessage, GroupedMessages } from './GroupedMessages';
import { useConversations } from './use-conversations';
import { useGroupByConversation } from './use-group-by-conversation';
import { usePagedList } from './use-paged-list';

export interface MessageListPaneProps {
  accountId: string;
  folder: string;
  folderTitle: string;
  selectedUid: number | null;
  onSelect(message: MessageSummary): void;
}

/** Two stacked messages: the toggle's icon (the shared icon set has none for threads). */
function ConversationsIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <rect x="3" y="8" width="14" height="12" rx="2" />
      <path d="M7 4h12a2 2 0 0 1 2 2v10" />
    </svg>
  );
}

export function MessageListPane({ accountId, folder, folderTitle, selectedUid, onSelect }: MessageListPaneProps) {
  const api = useApi();
  const [query, setQuery] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const search = useMessageSearch(accountId, folder, query);
  const actions = useMessageActions(accountId, folder);
  const [grouped, setGrouped] = useGroupByConversation();
  const threads = useConversations(accountId, folder, grouped);
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const result = await api.listMessages({ accountId, folder, offset, limit });
      return mapResult(result, (page) => ({ items: page.messages, hasMore: offset + page.messages.length < page.total, total: page.total }));
    },
    [api, accountId, folder],
  );
  // Grouped, the conversations are loaded instead (useConversations).
  const list = usePagedList({ accountId, folder, enabled: !grouped, fetchPage, keyOf: (message: MessageSummary) => message.uid });

  useEffect(() => setQuery(''), [accountId, folder]);

  useEffect(() => api.on('mailNotice', (event) => setNotice(event.message)), [api]);

  // The same functions on every render: the list's rows are memoised on their props, and a new
  // function would draw every row in view again each time the pane renders (each reload in a sync).
  const opener = useRef(onSelect);
  opener.current = onSelect;
  const { update, loadMore } = list;
  const select = useCallback(
    (message: MessageSummary) => {
      // Opening a message marks it read on the server; show that at once rather than on the next reload.
      if (!message.seen) update((messages) => messages.map((m) => (m.uid === message.uid ? { ...m, seen: true } : m)));
      opener.current(message);
    },
    [update],
  );
  const showMore = useCallback(() => void loadMore(), [loadMore]);

  const searching = search.results !== null;
  const rows = search.results ?? list.items;
  const showGrouped = grouped && !searching;
  const selected = showGrouped ? findShownMessage(threads, selectedUid) : (rows.find((m) => m.uid === selectedUid) ?? null);
  const listed = grouped
    ? { loaded: threads.loaded, total: threads.messages, error: threads.error, empty: threads.loaded && threads.conversations.length === 0, retry: threads.retry }
    : { loaded: list.loaded, total: list.total, error: list.error, empty: list.loaded && list.items.length === 0, retry: list.retry };
  // Delete and e act on the selected message exactly as the toolbar does, Undo included.
  useShortcut('delete', () => selected && void actions.remove(selected.uid), selected !== null);
  useShortcut('archive', () => selected && void actions.archive(selected.uid), selected !== null);

  return (
    <div className="list-pane">
      <header className="pane-header">
        <h2 className="pane-title">{folderTitle}</h2>
        {listed.loaded ? (
          <span className="pane-subtitle">
            {listed.total === 1 ? '1 message' : `${listed.total} messages`}
          </span>
        ) : null}
        <button
          type="button"
          className="button button-small button-quiet group-toggle"
          aria-pressed={grouped}
          aria-label="Group by conversation"
          onClick={() => setGrouped(!grouped)}
          title="Group by conversation"
        >
          <ConversationsIcon />
        </button>
      </header>
      <div className="message-search" role="search">
        <input
          type="search"
          className="input"
          aria-label="Search messages"
          placeholder="Search: words, from:, to:, subject:, has:attachment, is:unread"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <MessageActions
        selected={selected}
        onToggleRead={(m) => void actions.setFlag(m.uid, 'seen', !m.seen)}
        onToggleFlag={(m) => void actions.setFlag(m.uid, 'flagged', !m.flagged)}
        onArchive={(m) => void actions.archive(m.uid)}
        onDelete={(m) => void actions.remove(m.uid)}
      />
      {actions.undo ? <UndoBar label={actions.undo.label} onUndo={() => void actions.takeBack()} /> : null}
      {notice ? <Notice tone="warning">{notice}</Notice> : null}
      {actions.error ? <ErrorAlert message={actions.error} /> : null}
      {search.error ? <ErrorAlert message={search.error} /> : null}
      {listed.error ? (
        <div className="pane-error">
          <ErrorAlert message={listed.error} />
          <button type="button" className="button button-small" onClick={listed.retry}>
            Try again
          </button>
        </div>
      ) : null}
      {!listed.loaded ? <Spinner label="Loading messages…" /> : null}
      {searching && rows.length === 0 && !search.searching ? <EmptyState title="No matches">No message in this folder matches “{query}”.</EmptyState> : null}
      {!searching && listed.empty && !listed.error ? <EmptyState title="No messages">This folder is empty.</EmptyState> : null}
      {showGrouped && threads.conversations.length > 0 ? <GroupedMessages threads={threads} selectedUid={selectedUid} onSelect={onSelect} /> : null}
      {!showGrouped && rows.length > 0 ? (
        <MessageList
          messages={rows}
          selectedUid={selectedUid}
          onSelect={select}
          onLoadMore={list.hasMore && !searching ? showMore : undefined}
          onEndReached={list.hasMore && !searching ? showMore : undefined}
          loadingMore={list.loadingMore}
          onScrollingChange={list.setScrolling}
          folderSize={searching ? undefined : list.total}
        />
      ) : null}
    </div>
  );
}
