/**
 * Search while typing: the query is sent a moment after the last keystroke, and an answer to an
 * older query is dropped so results never jump back. An empty query means "no search". While a
 * search is shown it is asked again whenever the core reports that the folder changed; without
 * one, those reports (several a second in a first sync) change nothing here and render nothing.
 */
import { useEffect, useRef, useState } from 'react';
import type { MessageSummary } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { settle } from '../../lib/settle';

const DEBOUNCE_MS = 150;
const LIMIT = 500;

export interface SearchState {
  results: MessageSummary[] | null;
  error: string | null;
  searching: boolean;
}

const NO_SEARCH: SearchState = { results: null, error: null, searching: false };

export function useMessageSearch(accountId: string, folder: string, query: string): SearchState {
  const api = useApi();
  const [state, setState] = useState<SearchState>(NO_SEARCH);
  const [changes, setChanges] = useState(0);
  const latest = useRef(0);
  const active = query.trim() !== '';

  useEffect(() => {
    if (!active) return;
    return api.on('messagesChanged', (change) => {
      if (change.accountId === accountId && change.folder === folder) setChanges((n) => n + 1);
    });
  }, [api, accountId, folder, active]);

  useEffect(() => {
    const mine = ++latest.current;
    if (!active) {
      setState(NO_SEARCH);
      return;
    }
    setState((old) => ({ ...old, searching: true }));
    const timer = window.setTimeout(async () => {
      const result = await settle(() => api.searchMessages({ accountId, folder, query, limit: LIMIT }));
      if (mine !== latest.current) return;
      setState(result.ok ? { results: result.value.messages, error: null, searching: false } : { results: [], error: result.error.message, searching: false });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [api, accountId, folder, query, active, changes]);

  return state;
}
