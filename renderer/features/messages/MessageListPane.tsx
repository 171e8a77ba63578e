/**
 * A folder's messages, newest first from the local store, 100 at a time: scrolling near the end
 * (or "Load more") loads the next page. A search box narrows the list while typing; a small
 * toolbar flags, marks unread, archives or deletes the selected message, with Undo for a moment.
 * Reloads what is shown when the core reports that this folder changed. "Group by conversation"
 * (remembered between runs) shows one row per conversation instead; search results stay flat.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageSummary } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { MessageList } from '../../components/MessageList';
import { EmptyState, ErrorAlert, Notice, Spinner } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { MessageActions, UndoBar } from './MessageActions';
import { useMessageActions } from './use-message-actions';
import { useShortcut } from '../shortcuts/ShortcutsProvider';
import { useMessageSearch } from './use-message-search';
import { findShownMessage, GroupedMessages } from './GroupedMessages';
import { useConversations } from './use-conversations';
import { useGroupByConversation } from './use-group-by-conversation';

const PAGE = 100;
/** The contract's largest page; a reload asks for what is on screen, up to this. */
const MAX_PAGE = 500;

export interface MessageListPaneProps {
  accountId: string;
  folder: string;
  folderTitle: string;
  selectedUid: number | null;
  onSelect(message: MessageSummary): void;
}

interface ListState {
  messages: MessageSummary[];
  total: number;
  loaded: boolean;
  error: string | null;
}

const EMPTY: ListState = { messages: [], total: 0, loaded: false, error: null };

function mergePage(existing: MessageSummary[], page: MessageSummary[]): MessageSummary[] {
  const seen = new Set(existing.map((m) => m.uid));
  return [...existing, ...page.filter((m) => !seen.has(m.uid))];
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
  const [state, setState] = useState<ListState>(EMPTY);
  const [loadingMore, setLoadingMore] = useState(false);
  const [query, setQuery] = useState('');
  const [changes, setChanges] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const search = useMessageSearch(accountId, folder, query, changes);
  const actions = useMessageActions(accountId, folder);
  const [grouped, setGrouped] = useGroupByConversation();
  const threads = useConversations(accountId, folder, grouped);
  /** Bumped on every folder switch and reload; an answer for an older request is dropped. */
  const generation = useRef(0);
  const shown = useRef(0);
  const loadingMoreRef = useRef(false);
  shown.current = state.messages.length;

  const load = useCallback(
    async (limit: number) => {
      const mine = ++generation.current;
      const result = await settle(() => api.listMessages({ accountId, folder, offset: 0, limit }));
      if (mine !== generation.current) return;
      setLoadingMore(false);
      setState((old) =>
        result.ok
          ? { messages: result.value.messages, total: result.value.total, loaded: true, error: null }
          : { ...old, loaded: true, error: result.error.message },
      );
    },
    [api, accountId, folder],
  );

  useEffect(() => {
    setState(EMPTY);
    setLoadingMore(false);
    setQuery('');
    // Grouped, the conversations are loaded instead (useConversations).
    if (!grouped) void load(PAGE);
    return () => {
      generation.current++;
    };
  }, [load, grouped]);

  useEffect(
    () =>
      api.on('messagesChanged', (change) => {
        if (change.accountId === accountId && change.folder === folder) {
          setChanges((n) => n + 1);
          if (!grouped) void load(Math.min(MAX_PAGE, Math.max(PAGE, shown.current)));
        }
      }),
    [api, accountId, folder, load, grouped],
  );

  useEffect(() => api.on('mailNotice', (event) => setNotice(event.message)), [api]);

  const loadMore = async () => {
    if (loadingMoreRef.current) return;
    loadingMoreRef.current = true;
    const mine = generation.current;
    setLoadingMore(true);
    const result = await settle(() => api.listMessages({ accountId, folder, offset: shown.current, limit: PAGE }));
    loadingMoreRef.current = false;
    if (mine !== generation.current) return;
    setLoadingMore(false);
    setState((old) =>
      result.ok
        ? { ...old, messages: mergePage(old.messages, result.value.messages), total: result.value.total, error: null }
        : { ...old, error: result.error.message },
    );
  };

  const select = (message: MessageSummary) => {
    // Opening a message marks it read on the server; show that at once rather than on the next reload.
    if (!message.seen) {
      setState((old) => ({ ...old, messages: old.messages.map((m) => (m.uid === message.uid ? { ...m, seen: true } : m)) }));
    }
    onSelect(message);
  };

  const hasMore = state.messages.length < state.total;
  const searching = search.results !== null;
  const rows = search.results ?? state.messages;
  const showGrouped = grouped && !searching;
  const selected = showGrouped ? findShownMessage(threads, selectedUid) : (rows.find((m) => m.uid === selectedUid) ?? null);
  const listed = grouped
    ? { loaded: threads.loaded, total: threads.messages, error: threads.error, empty: threads.loaded && threads.conversations.length === 0, retry: () => void threads.load(PAGE) }
    : { loaded: state.loaded, total: state.total, error: state.error, empty: state.loaded && state.messages.length === 0, retry: () => void load(Math.max(PAGE, shown.current)) };
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
          onLoadMore={hasMore && !searching ? () => void loadMore() : undefined}
          onEndReached={hasMore && !searching ? () => void loadMore() : undefined}
          loadingMore={loadingMore}
        />
      ) : null}
    </div>
  );
}
