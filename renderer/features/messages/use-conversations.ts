/**
 * A folder's conversations for the grouped list: pages of them from the local store, newest first
 * (usePagedList), and the messages of each conversation the user expands. A reload after the core
 * reports that this folder changed brings the expanded conversations' messages again too, so a
 * reply arriving joins its conversation and moves it up without a click. Does nothing while
 * `enabled` is false.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary } from '../../../shared/conversation-types';
import type { MessageSummary } from '../../../shared/domain';
import { mapResult } from '../../../shared/result';
import { useApi } from '../../api/api-context';
import { conversationKey } from '../../components/ConversationList';
import { settle } from '../../lib/settle';
import { usePagedList } from './use-paged-list';

export function useConversations(accountId: string, folder: string, enabled: boolean) {
  const api = useApi();
  // Both keyed by conversationKey, never by the id itself (see there why).
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [members, setMembers] = useState<ReadonlyMap<string, MessageSummary[]>>(new Map());
  const expandedRef = useRef(expanded);
  expandedRef.current = expanded;
  /** Bumped on every folder switch: members asked for in another folder are dropped. */
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const result = await api.listConversations({ accountId, folder, offset, limit });
      return mapResult(result, (page) => ({ items: page.conversations, hasMore: page.hasMore, total: page.messages }));
    },
    [api, accountId, folder],
  );

  const loadMembers = useCallback(
    async (conversation: ConversationSummary, fail: (message: string) => void) => {
      const mine = generation.current;
      const result = await settle(() => api.listConversation({ accountId, folder, uid: conversation.latest.uid }));
      if (mine !== generation.current) return;
      if (result.ok) setMembers((old) => new Map(old).set(conversationKey(conversation), result.value));
      else fail(result.error.message);
    },
    [api, accountId, folder],
  );

  const list = usePagedList({
    accountId,
    folder,
    enabled,
    fetchPage,
    keyOf: (conversation: ConversationSummary) => conversationKey(conversation),
    // Expanded conversations show their messages as they are now (a reply may have joined).
    onLoaded: (conversations) => {
      for (const conversation of conversations) if (expandedRef.current.has(conversationKey(conversation))) void loadMembers(conversation, list.fail);
    },
  });

  useEffect(() => {
    setExpanded(new Set());
    setMembers(new Map());
    return () => {
      generation.current++;
    };
  }, [fetchPage, enabled]);

  const toggle = useCallback(
    (conversation: ConversationSummary, expand: boolean) => {
      setExpanded((old) => {
        const next = new Set(old);
        if (expand) next.add(conversationKey(conversation));
        else next.delete(conversationKey(conversation));
        return next;
      });
      if (expand) void loadMembers(conversation, list.fail);
    },
    [loadMembers, list.fail],
  );

  /** Shows a message as read at once (opening it marks it read on the server; the reload follows). */
  const { update } = list;
  const markSeen = useCallback(
    (uid: number) => {
      update((conversations) =>
        conversations.map((c) => {
          const inside = c.latest.uid === uid || members.get(conversationKey(c))?.some((m) => m.uid === uid && !m.seen);
          if (!inside) return c;
          const wasUnread = c.latest.uid === uid ? !c.latest.seen : true;
          return { ...c, latest: c.latest.uid === uid ? { ...c.latest, seen: true } : c.latest, unread: wasUnread ? Math.max(0, c.unread - 1) : c.unread };
        }),
      );
      setMembers((old) => {
        const next = new Map(old);
        for (const [id, messages] of old) if (messages.some((m) => m.uid === uid)) next.set(id, messages.map((m) => (m.uid === uid ? { ...m, seen: true } : m)));
        return next;
      });
    },
    [members, update],
  );

  return {
    conversations: list.items,
    hasMore: list.hasMore,
    /** How many messages the folder holds in all. */
    messages: list.total,
    loaded: list.loaded,
    error: list.error,
    loadingMore: list.loadingMore,
    retry: list.retry,
    loadMore: list.loadMore,
    setScrolling: list.setScrolling,
    expanded,
    members,
    toggle,
    markSeen,
  };
}
