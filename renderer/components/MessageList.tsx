/**
 * A folder's messages as a listbox: two lines per row (sender and date, then subject), unread rows
 * bold. Arrow keys, Home and End move the selection; a click selects and opens. Long lists are
 * virtualised (@tanstack/react-virtual): only the rows in view exist in the DOM, so 100,000
 * messages scroll as smoothly as 100. Short lists render every row, which keeps find-in-page and
 * the simplest accessibility tree where they cost nothing.
 */
import { memo, useId, useMemo, type KeyboardEvent } from 'react';
import type { MessageSummary } from '../../shared/domain';
import { senderLabel } from '../lib/format';
import { LoadMore } from './LoadMore';
import { RowSenderLine } from './RowSenderLine';
import { RowSubjectLine } from './RowSubjectLine';
import { useListDateLabel, useVirtualRows, virtualRowStyle } from './use-virtual-rows';
import './message-list.css';

/** Above this many rows the list is virtualised. */
export const VIRTUALISE_ABOVE = 200;
/** Fixed row height in the virtualised list (CSS .message-list-virtual .message-row matches it; so does the grouped list's). */
export const ROW_HEIGHT = 58;

export interface MessageListProps {
  messages: readonly MessageSummary[];
  selectedUid: number | null;
  onSelect(message: MessageSummary): void;
  /** Shown as a "Load more" button when set. */
  onLoadMore?: () => void;
  loadingMore?: boolean;
  /** Called when scrolling nears the last loaded row, to load the next page without a click. */
  onEndReached?: () => void;
  /** How many messages the folder holds, loaded or not: a folder that will need it is virtualised from its first page. */
  folderSize?: number;
  /** Told when the list starts and stops scrolling. */
  onScrollingChange?: (scrolling: boolean) => void;
  /** Fixes "today" for date formatting; tests pass one. */
  now?: Date;
}

export function MessageList({ messages, selectedUid, onSelect, onLoadMore, loadingMore = false, onEndReached, onScrollingChange, folderSize, now }: MessageListProps) {
  const id = useId();
  const optionId = (uid: number) => `${id}-m${uid}`;
  // A scan of the whole list: done when the list or the selection changes, never per scrolled frame.
  const selectedIndex = useMemo(() => (selectedUid === null ? -1 : messages.findIndex((m) => m.uid === selectedUid)), [messages, selectedUid]);
  const dateLabel = useListDateLabel(now);
  const { scrollRef, virtual, virtualizer, items, slots } = useVirtualRows({
    count: messages.length,
    rowHeight: ROW_HEIGHT,
    virtualiseAbove: VIRTUALISE_ABOVE,
    eventualCount: folderSize,
    selectedIndex,
    selectedId: selectedUid === null ? null : optionId(selectedUid),
    onEndReached,
    loadingMore,
    onScrollingChange,
  });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (messages.length === 0) return;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(messages.length - 1, selectedIndex + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, selectedIndex < 0 ? 0 : selectedIndex - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = messages.length - 1;
    if (next === null) return;
    event.preventDefault();
    const target = messages[next];
    if (target && target.uid !== selectedUid) onSelect(target);
  };

  const row = (message: MessageSummary, index: number, top?: number, slot?: number) => (
    <MessageRow
      key={slot ?? message.uid}
      id={optionId(message.uid)}
      message={message}
      selected={message.uid === selectedUid}
      posInSet={virtual ? index + 1 : undefined}
      setSize={virtual ? messages.length : undefined}
      top={top}
      dateLabel={dateLabel(message.date)}
      onSelect={onSelect}
    />
  );

  return (
    <div className="message-list-scroll" ref={scrollRef}>
      <ul
        className={virtual ? 'message-list message-list-virtual' : 'message-list'}
        role="listbox"
        aria-label="Messages"
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 && selectedUid !== null ? optionId(selectedUid) : undefined}
        onKeyDown={onKeyDown}
        style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
      >
        {virtual
          ? items.map((item, i) => row(messages[item.index]!, item.index, item.start, slots[i]))
          : messages.map((message, index) => row(message, index))}
      </ul>
      <LoadMore onLoadMore={onLoadMore} loadingMore={loadingMore} />
    </div>
  );
}

interface MessageRowProps {
  id: string;
  message: MessageSummary;
  selected: boolean;
  /** Place in the whole list, told to assistive technology when only some rows exist. */
  posInSet: number | undefined;
  setSize: number | undefined;
  /** Offset in a virtualised list; a number, so a row that stays in view keeps equal props and is not re-rendered. */
  top: number | undefined;
  dateLabel: string;
  onSelect(message: MessageSummary): void;
}

const MessageRow = memo(function MessageRow({ id, message, selected, posInSet, setSize, top, dateLabel, onSelect }: MessageRowProps) {
  const classes = ['message-row', message.seen ? 'message-read' : 'message-unread', selected ? 'message-selected' : ''];
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      aria-setsize={setSize}
      aria-posinset={posInSet}
      className={classes.join(' ').trim()}
      data-uid={message.uid}
      data-unread={message.seen ? undefined : 'true'}
      style={virtualRowStyle(top, ROW_HEIGHT)}
      onClick={() => onSelect(message)}
    >
      <RowSenderLine spoken={message.seen ? null : 'Unread.'} sender={senderLabel(message.from)} date={message.date} dateLabel={dateLabel} />
      <RowSubjectLine subject={message.subject} hasAttachments={message.hasAttachments} flagged={message.flagged} />
    </li>
  );
});
