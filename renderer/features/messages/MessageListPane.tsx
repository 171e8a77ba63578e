/**
 * A folder's messages, newest first as the core returns them, 100 at a time with "Load more".
 * Reloads what is shown when the core reports that this folder changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageSummary } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { MessageList } from '../../components/MessageList';
import { EmptyState, ErrorAlert, Spinner } from '../../components/Notices';
import { settle } from '../../lib/settle';

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

export function MessageListPane({ accountId, folder, folderTitle, selectedUid, onSelect }: MessageListPaneProps) {
  const api = useApi();
  const [state, setState] = useState<ListState>(EMPTY);
  const [loadingMore, setLoadingMore] = useState(false);
  /** Bumped on every folder switch and reload; an answer for an older request is dropped. */
  const generation = useRef(0);
  const shown = useRef(0);
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
    void load(PAGE);
    return () => {
      generation.current++;
    };
  }, [load]);

  useEffect(
    () =>
      api.on('messagesChanged', (change) => {
        if (change.accountId === accountId && change.folder === folder) {
          void load(Math.min(MAX_PAGE, Math.max(PAGE, shown.current)));
        }
      }),
    [api, accountId, folder, load],
  );

  const loadMore = async () => {
    const mine = generation.current;
    setLoadingMore(true);
    const result = await settle(() => api.listMessages({ accountId, folder, offset: shown.current, limit: PAGE }));
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

  return (
    <div className="list-pane">
      <header className="pane-header">
        <h2 className="pane-title">{folderTitle}</h2>
        {state.loaded ? (
          <span className="pane-subtitle">
            {state.total === 1 ? '1 message' : `${state.total} messages`}
          </span>
        ) : null}
      </header>
      {state.error ? (
        <div className="pane-error">
          <ErrorAlert message={state.error} />
          <button type="button" className="button button-small" onClick={() => void load(Math.max(PAGE, shown.current))}>
            Try again
          </button>
        </div>
      ) : null}
      {!state.loaded ? <Spinner label="Loading messages…" /> : null}
      {state.loaded && state.messages.length === 0 && !state.error ? <EmptyState title="No messages">This folder is empty.</EmptyState> : null}
      {state.messages.length > 0 ? (
        <MessageList
          messages={state.messages}
          selectedUid={selectedUid}
          onSelect={select}
          onLoadMore={hasMore ? () => void loadMore() : undefined}
          loadingMore={loadingMore}
        />
      ) : null}
    </div>
  );
}
