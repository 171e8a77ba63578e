/**
 * Search while typing: the query is sent a moment after the last keystroke, and an answer to an
 * older query is dropped so results never jump back. An empty query means "no search".
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

export function useMessageSearch(accountId: string, folder: string, query: string, refreshKey: number): SearchState {
  const api = useApi();
  const [state, setState] = useState<SearchState>({ results: null, error: null, searching: false });
  const latest = useRef(0);

  useEffect(() => {
    const mine = ++latest.current;
    if (!query.trim()) {
      setState({ results: null, error: null, searching: false });
      return;
    }
    setState((old) => ({ ...old, searching: true }));
    const timer = window.setTimeout(async () => {
      const result = await settle(() => api.searchMessages({ accountId, folder, query, limit: LIMIT }));
      if (mine !== latest.current) return;
      setState(result.ok ? { results: result.value.messages, error: null, searching: false } : { results: [], error: result.error.message, searching: false });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [api, accountId, folder, query, refreshKey]);

  return state;
}
