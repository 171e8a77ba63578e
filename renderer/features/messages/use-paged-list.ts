/**
 * One folder's list, a page at a time from the local store: the first page when the folder opens,
 * the next one on "Load more" or when scrolling nears the end, and the first page again (up to the
 * contract's largest page, the rows scrolled to below it kept) when the core reports that this
 * folder changed. A report that comes while the list is scrolling waits until it comes to rest
 * (see setScrolling). Answers to requests
 * made before a folder switch or a newer reload are dropped. Shared by the flat list and the
 * grouped one; each says how to fetch a page and what identifies a row.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { settle } from '../../lib/settle';
import type { Result } from '../../../shared/result';
import { mergeReloadedPage } from './merge-reloaded-page';

export const PAGE = 100;
/** The contract's largest page; a reload asks for what is on screen, up to this. */
const MAX_PAGE = 500;

export interface ListPage<T> {
  items: T[];
  hasMore: boolean;
  /** How many messages the folder holds in all. */
  total: number;
}

export interface PagedListState<T> extends ListPage<T> {
  loaded: boolean;
  error: string | null;
}

export interface PagedListOptions<T> {
  accountId: string;
  folder: string;
  /** Nothing is loaded while false (the other list is shown). */
  enabled: boolean;
  /** A page from `offset`, as the core answers; stable between renders for the same folder (useCallback). */
  fetchPage(offset: number, limit: number): Promise<Result<ListPage<T>>>;
  keyOf(item: T): string | number;
  /** After the first page or a reload arrived (not after "Load more"). */
  onLoaded?(items: readonly T[]): void;
}

const EMPTY: PagedListState<never> = { items: [], hasMore: false, total: 0, loaded: false, error: null };

export function usePagedList<T>({ accountId, folder, enabled, fetchPage, keyOf, onLoaded }: PagedListOptions<T>) {
  const api = useApi();
  const [state, setState] = useState<PagedListState<T>>(EMPTY);
  const [loadingMore, setLoadingMore] = useState(false);
  /** Bumped on every folder switch and reload; an answer for an older request is dropped. */
  const generation = useRef(0);
  // Refs, not state: scrolling can ask again before the state has changed.
  const loadingMoreRef = useRef(false);
  const shown = useRef(0);
  shown.current = state.items.length;
  const latest = useRef({ keyOf, onLoaded });
  latest.current = { keyOf, onLoaded };

  const load = useCallback(
    async (limit: number) => {
      const mine = ++generation.current;
      const result = await settle(() => fetchPage(0, limit));
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!result.ok) {
        setState((old) => ({ ...old, loaded: true, error: result.error.message }));
        return;
      }
      const { items, total } = result.value;
      setState((old) => {
        const merged = mergeReloadedPage(old.items, items, latest.current.keyOf);
        // With rows kept below the page, what follows is what followed them before.
        const hasMore = merged.length > items.length ? old.hasMore : result.value.hasMore;
        // Nothing changed: the same state, so nothing renders.
        if (merged === old.items && total === old.total && hasMore === old.hasMore && old.loaded && old.error === null) return old;
        return { items: merged, total, hasMore, loaded: true, error: null };
      });
      latest.current.onLoaded?.(items);
    },
    [fetchPage],
  );

  useEffect(() => {
    setState(EMPTY);
    setLoadingMore(false);
    if (enabled) void load(PAGE);
    return () => {
      generation.current++;
    };
  }, [load, enabled]);

  // A reload drawn while the list moves costs a frame its deadline: a first sync reports a change
  // every few hundred milliseconds, and under a moving list most of those frames were late. The
  // rows coming into view meanwhile are still loaded (loadMore); what a reload would change there
  // (new mail above, a flag set elsewhere) is shown the moment scrolling stops.
  const scrolling = useRef(false);
  const reloadWhenAtRest = useRef(false);
  const reload = useCallback(() => void load(Math.min(MAX_PAGE, Math.max(PAGE, shown.current))), [load]);

  useEffect(() => {
    scrolling.current = false;
    reloadWhenAtRest.current = false;
    if (!enabled) return;
    return api.on('messagesChanged', (change) => {
      if (change.accountId !== accountId || change.folder !== folder) return;
      if (scrolling.current) reloadWhenAtRest.current = true;
      else reload();
    });
  }, [api, accountId, folder, reload, enabled]);

  /** The list tells when it starts and stops scrolling; a reload held back meanwhile runs when it stops. */
  const setScrolling = useCallback(
    (now: boolean) => {
      scrolling.current = now;
      if (now || !reloadWhenAtRest.current) return;
      reloadWhenAtRest.current = false;
      reload();
    },
    [reload],
  );

  const loadMore = useCallback(async () => {
    if (loadingMoreRef.current) return;
    loadingMoreRef.current = true;
    const mine = generation.current;
    setLoadingMore(true);
    const result = await settle(() => fetchPage(shown.current, PAGE));
    loadingMoreRef.current = false;
    if (mine !== generation.current) return;
    setLoadingMore(false);
    setState((old) => {
      if (!result.ok) return { ...old, error: result.error.message };
      // A row already shown (the folder changed between pages) is not listed twice.
      const known = new Set(old.items.map(latest.current.keyOf));
      const fresh = result.value.items.filter((item) => !known.has(latest.current.keyOf(item)));
      return { ...old, items: [...old.items, ...fresh], hasMore: result.value.hasMore, total: result.value.total, error: null };
    });
  }, [fetchPage]);

  /** Changes the rows shown at once (a message marked read as it opens); the next reload brings the store's. */
  const update = useCallback((change: (items: T[]) => T[]) => setState((old) => ({ ...old, items: change(old.items) })), []);
  const fail = useCallback((message: string) => setState((old) => ({ ...old, error: message })), []);
  /** Loads again what is shown (after an error). */
  const retry = useCallback(() => void load(Math.max(PAGE, shown.current)), [load]);

  return { ...state, loadingMore, load, loadMore, update, fail, retry, setScrolling };
}
