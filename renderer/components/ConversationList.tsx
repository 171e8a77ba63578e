/**
 * A folder's conversations as a tree: one row per conversation (its senders, its newest message's
 * subject and date, and how many messages it holds), and, when expanded, its messages indented
 * beneath, oldest first. Arrow keys move through the rows shown; Right expands a conversation (or
 * steps into it), Left collapses it (or steps back out); Home and End jump. Long lists are
 * virtualised the same way as the flat list (MessageList): fixed-height rows, only those in view.
 */
import { memo, useId, useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import type { ConversationSummary } from '../../shared/conversation-types';
import type { MailAddress, MessageSummary } from '../../shared/domain';
import { senderLabel } from '../lib/format';
import { LoadMore } from './LoadMore';
import { RowSenderLine } from './RowSenderLine';
import { RowSubjectLine } from './RowSubjectLine';
import { conversationKey, ConversationRows, type ConversationRow } from './conversation-rows';
import { useRowIds } from './row-ids';
import { useListDateLabel, useVirtualRows, virtualRowStyle } from './use-virtual-rows';
import './conversation-list.css';

export { conversationKey, isConversationKey, messageKey, ConversationRows, type ConversationRow } from './conversation-rows';

/** Above this many rows the tree is virtualised, as the flat list is. */
export const CONVERSATION_VIRTUALISE_ABOVE = 200;
/** Fixed row height when virtualised (the flat list's .message-list-virtual rows, whose CSS it shares). */
export const CONVERSATION_ROW_HEIGHT = 58;

/**
 * The rows the tree shows: each conversation, followed by its messages when it is expanded and they
 * are loaded. `expanded` and `members` are keyed by conversationKey.
 */
export function conversationRows(
  conversations: readonly ConversationSummary[],
  expanded: ReadonlySet<string>,
  members: ReadonlyMap<string, readonly MessageSummary[]>,
): ConversationRows {
  return new ConversationRows(conversations, expanded, members);
}

export interface ConversationListProps {
  rows: ConversationRows;
  /** The key of the selected row (conversationKey or messageKey), or null. */
  selectedKey: string | null;
  onSelect(row: ConversationRow): void;
  onToggle(conversation: ConversationSummary, expand: boolean): void;
  onLoadMore?: () => void;
  loadingMore?: boolean;
  onEndReached?: () => void;
  /** Told when the list starts and stops scrolling. */
  onScrollingChange?: (scrolling: boolean) => void;
  /** Fixes "today" for date formatting; tests pass one. */
  now?: Date;
}

export function ConversationList({ rows, selectedKey, onSelect, onToggle, onLoadMore, loadingMore = false, onEndReached, onScrollingChange, now }: ConversationListProps) {
  const rowId = useRowIds(useId());
  // A scan of every row: done when the rows or the selection change, never per scrolled frame.
  const selectedIndex = useMemo(() => (selectedKey === null ? -1 : rows.indexOfKey(selectedKey)), [rows, selectedKey]);
  const dateLabel = useListDateLabel(now);
  const { scrollRef, virtual, virtualizer, items, slots } = useVirtualRows({
    count: rows.length,
    rowHeight: CONVERSATION_ROW_HEIGHT,
    virtualiseAbove: CONVERSATION_VIRTUALISE_ABOVE,
    selectedIndex,
    selectedId: selectedKey === null ? null : rowId(selectedKey),
    onEndReached,
    loadingMore,
    onScrollingChange,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (rows.length === 0) return;
    const current = selectedIndex >= 0 ? rows.at(selectedIndex) : null;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(rows.length - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, selectedIndex < 0 ? 0 : selectedIndex - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    else if (event.key === 'ArrowRight' && current?.kind === 'conversation' && current.conversation.count > 1) {
      if (!current.expanded) {
        event.preventDefault();
        onToggle(current.conversation, true);
        return;
      }
      next = selectedIndex + 1 < rows.length && rows.at(selectedIndex + 1).kind === 'message' ? selectedIndex + 1 : null;
    } else if (event.key === 'ArrowLeft' && current) {
      if (current.kind === 'conversation') {
        if (current.expanded) {
          event.preventDefault();
          onToggle(current.conversation, false);
        }
        return;
      }
      next = rows.indexOfKey(conversationKey(current.conversation));
    }
    if (next === null || next < 0) return;
    event.preventDefault();
    const target = next < rows.length ? rows.at(next) : undefined;
    if (target && target.key !== selectedKey) onSelect(target);
  };

  const row = (item: ConversationRow, top?: number, slot?: number) => (
    <TreeRow
      key={slot ?? item.key}
      id={rowId(item.key)}
      row={item}
      selected={item.key === selectedKey}
      top={top}
      dateLabel={dateLabel(item.kind === 'conversation' ? item.conversation.latest.date : item.message.date)}
      placed={virtual}
      onSelect={onSelect}
      onToggle={onToggle}
    />
  );

  return (
    <div className="message-list-scroll" ref={scrollRef}>
      <ul
        className={virtual ? 'message-list message-list-virtual conversation-list' : 'message-list conversation-list'}
        role="tree"
        aria-label="Messages"
        tabIndex={0}
        aria-activedescendant={selectedKey !== null && selectedIndex >= 0 ? rowId(selectedKey) : undefined}
        onKeyDown={onKeyDown}
        style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
      >
        {virtual ? items.map((item, i) => row(rows.at(item.index), item.start, slots[i])) : rows.all().map((item) => row(item))}
      </ul>
      <LoadMore onLoadMore={onLoadMore} loadingMore={loadingMore} />
    </div>
  );
}

/** What a screen reader hears first of a row: "3 messages, 2 unread.", "3 messages.", "Unread.", or nothing. */
export function spokenSummary(messages: number, unread: number): string | null {
  if (messages <= 1) return unread > 0 ? 'Unread.' : null;
  return unread > 0 ? `${messages} messages, ${unread} unread.` : `${messages} messages.`;
}

/** "Bob, Carol and Dave": first names would mislead when two share one, so names are kept whole. */
export function participantsLabel(participants: readonly MailAddress[]): string {
  // Built without intermediate arrays: it runs for every conversation row that scrolls into view.
  const count = participants.length;
  if (count === 0) return '(unknown sender)';
  const first = senderLabel(participants[0]);
  if (count === 1) return first;
  if (count === 2) return `${first} and ${senderLabel(participants[1])}`;
  if (count === 3) return `${first}, ${senderLabel(participants[1])} and ${senderLabel(participants[2])}`;
  return `${first}, ${senderLabel(participants[1])} and ${count - 2} others`;
}

/**
 * The twisty's arrow, one element for every row: React skips an element it rendered before, so a
 * row that scrolls in does not build and compare the icon again.
 */
const TWISTY_ICON = (
  <svg className="icon" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" focusable="false">
    <polyline points="9 6 15 12 9 18" />
  </svg>
);

interface TreeRowProps {
  id: string;
  row: ConversationRow;
  selected: boolean;
  /** Offset in a virtualised tree, as a number (see virtualRowStyle). */
  top: number | undefined;
  dateLabel: string;
  /** Whether to tell assistive technology a conversation's place among all (only some rows exist when virtualised). */
  placed: boolean;
  onSelect(row: ConversationRow): void;
  onToggle(c: ConversationSummary, expand: boolean): void;
}

/**
 * One row of the tree, a conversation or one of its messages, built from the same elements either
 * way: the twisty and the count are hidden on a message or a lone one. A virtualised tree reuses its
 * rows while scrolling (row-slots.ts), so a row that turns from a conversation into a message only
 * changes attributes and text; two components would tear one down and build the other instead.
 */
const TreeRow = memo(function TreeRow({ id, row, selected, top, dateLabel, placed, onSelect, onToggle }: TreeRowProps) {
  const conversation = row.kind === 'conversation' ? row.conversation : null;
  const message = row.kind === 'message' ? row.message : row.conversation.latest;
  const several = conversation !== null && conversation.count > 1;
  const expanded = row.kind === 'conversation' && row.expanded;
  const unread = conversation ? conversation.unread > 0 : !message.seen;
  const kindClass = conversation ? 'conversation-row' : 'conversation-message';
  const classes = `message-row ${kindClass} ${unread ? 'message-unread' : 'message-read'}${selected ? ' message-selected' : ''}`;
  const toggle = (event: MouseEvent) => {
    // The twisty only opens or closes; it does not also select the row.
    event.stopPropagation();
    if (conversation) onToggle(conversation, !expanded);
  };
  const sender = conversation
    ? participantsLabel(conversation.participants.length > 0 ? conversation.participants : message.from ? [message.from] : [])
    : senderLabel(message.from);
  const placeShown = !conversation || placed;
  return (
    <li
      id={id}
      role="treeitem"
      aria-level={conversation ? 1 : 2}
      aria-selected={selected}
      aria-expanded={several ? expanded : undefined}
      aria-posinset={placeShown ? row.position : undefined}
      aria-setsize={placeShown ? row.size : undefined}
      className={classes}
      data-uid={message.uid}
      data-count={conversation?.count}
      data-unread={unread ? 'true' : undefined}
      style={virtualRowStyle(top, CONVERSATION_ROW_HEIGHT)}
      onClick={() => onSelect(row)}
    >
      <RowSenderLine
        spoken={spokenSummary(several ? conversation.count : 1, conversation ? conversation.unread : unread ? 1 : 0)}
        sender={sender}
        date={message.date}
        dateLabel={dateLabel}
        before={
          <span
            className={expanded ? 'conversation-twisty conversation-twisty-open' : 'conversation-twisty'}
            aria-hidden="true"
            hidden={!several}
            onClick={toggle}
            title={expanded ? 'Collapse' : 'Expand'}
          >
            {TWISTY_ICON}
          </span>
        }
        afterSender={
          // Spoken with the unread words (spokenSummary), so no second hidden element per row.
          <span className="conversation-count" aria-hidden="true" title={several ? `${conversation.count} messages` : undefined} hidden={!several}>
            {conversation?.count ?? 0}
          </span>
        }
      />
      <RowSubjectLine
        subject={message.subject}
        hasAttachments={conversation ? conversation.hasAttachments : message.hasAttachments}
        flagged={conversation ? conversation.flagged : message.flagged}
      />
    </li>
  );
});
