/**
 * A folder's conversations for the grouped list: pages of them from the local store, newest first,
 * and the messages of each conversation the user expands. Reloads what is shown (expanded
 * conversations included) when the core reports that this folder changed, so a reply arriving
 * joins its conversation and moves it up without a click. Does nothing while `enabled` is false.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../shared/conversation-types';
import type { MessageSummary } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { settle } from '../../lib/settle';

const PAGE = 100;
const MAX_PAGE = 500;

export interface ConversationsState {
  conversations: ConversationSummary[];
  hasMore: boolean;
  /** How many messages the folder holds in all. */
  messages: number;
  loaded: boolean;
  error: string | null;
}

const EMPTY: ConversationsState = { conversations: [], hasMore: false, messages: 0, loaded: false, error: null };

export function useConversations(accountId: string, folder: string, enabled: boolean) {
  const api = useApi();
  const [state, setState] = useState<ConversationsState>(EMPTY);
  const [loadingMore, setLoadingMore] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [members, setMembers] = useState<ReadonlyMap<string, MessageSummary[]>>(new Map());
  const generation = useRef(0);
  const loadingMoreRef = useRef(false);
  const latest = useRef(state);
  latest.current = state;
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;

  const loadMembers = useCallback(
    async (conversation: ConversationSummary) => {
      const mine = generation.current;
      const result = await settle(() => api.listConversation({ accountId, folder, uid: conversation.latest.uid }));
      if (mine !== generation.current) return;
      if (result.ok) setMembers((old) => new Map(old).set(conversation.id, result.value));
      else setState((old) => ({ ...old, error: result.error.message }));
    },
    [api, accountId, folder],
  );

  const load = useCallback(
    async (limit: number) => {
      const mine = ++generation.current;
      const result = await settle(() => api.listConversations({ accountId, folder, offset: 0, limit }));
      if (mine !== generation.current) return;
      setLoadingMore(false);
      if (!result.ok) {
        setState((old) => ({ ...old, loaded: true, error: result.error.message }));
        return;
      }
      const page = result.value;
      setState({ conversations: page.conversations, hasMore: page.hasMore, messages: page.messages, loaded: true, error: null });
      // Expanded conversations show their messages as they are now (a reply may have joined).
      for (const conversation of page.conversations) if (expandedRef.current.has(conversation.id)) void loadMembers(conversation);
    },
    [api, accountId, folder, loadMembers],
  );

  useEffect(() => {
    setState(EMPTY);
    setExpanded(new Set());
    setMembers(new Map());
    setLoadingMore(false);
    if (enabled) void load(PAGE);
    return () => {
      generation.current++;
    };
  }, [load, enabled]);

  useEffect(() => {
    if (!enabled) return;
    return api.on('messagesChanged', (change) => {
      if (change.accountId === accountId && change.folder === folder) {
        void load(Math.min(MAX_PAGE, Math.max(PAGE, latest.current.conversations.length)));
      }
    });
  }, [api, accountId, folder, load, enabled]);

  const loadMore = useCallback(async () => {
    // A ref, not the state: scrolling can ask again before the state has changed.
    if (loadingMoreRef.current) return;
    loadingMoreRef.current = true;
    const mine = generation.current;
    setLoadingMore(true);
    const offset = latest.current.conversations.length;
    const result = await settle(() => api.listConversations({ accountId, folder, offset, limit: PAGE }));
    loadingMoreRef.current = false;
    if (mine !== generation.current) return;
    setLoadingMore(false);
    setState((old) => {
      if (!result.ok) return { ...old, error: result.error.message };
      const known = new Set(old.conversations.map((c) => c.id));
      const fresh = result.value.conversations.filter((c) => !known.has(c.id));
      return { ...old, conversations: [...old.conversations, ...fresh], hasMore: result.value.hasMore, messages: result.value.messages, error: null };
    });
  }, [api, accountId, folder]);

  const toggle = useCallback(
    (conversation: ConversationSummary, expand: boolean) => {
      setExpanded((old) => {
        const next = new Set(old);
        if (expand) next.add(conversation.id);
        else next.delete(conversation.id);
        return next;
      });
      if (expand) void loadMembers(conversation);
    },
    [loadMembers],
  );

  /** Shows a message as read at once (opening it marks it read on the server; the reload follows). */
  const markSeen = useCallback((uid: number) => {
    setState((old) => ({
      ...old,
      conversations: old.conversations.map((c) => {
        const inside = c.latest.uid === uid || members.get(c.id)?.some((m) => m.uid === uid && !m.seen);
        if (!inside) return c;
        const wasUnread = c.latest.uid === uid ? !c.latest.seen : true;
        return { ...c, latest: c.latest.uid === uid ? { ...c.latest, seen: true } : c.latest, unread: wasUnread ? Math.max(0, c.unread - 1) : c.unread };
      }),
    }));
    setMembers((old) => {
      const next = new Map(old);
      for (const [id, list] of old) if (list.some((m) => m.uid === uid)) next.set(id, list.map((m) => (m.uid === uid ? { ...m, seen: true } : m)));
      return next;
    });
  }, [members]);

  return { ...state, loadingMore, expanded, members, load, loadMore, toggle, markSeen };
}
