/**
 * A page of a folder's messages as a listbox: two lines per row (sender and date, then subject),
 * unread rows bold. Arrow keys, Home and End move the selection; a click selects and opens.
 */
import { useEffect, useId, type KeyboardEvent } from 'react';
import type { MessageSummary } from '../../shared/domain';
import { formatListDate, senderLabel, subjectLabel } from '../lib/format';
import { Icon } from './Icon';

export interface MessageListProps {
  messages: readonly MessageSummary[];
  selectedUid: number | null;
  onSelect(message: MessageSummary): void;
  /** Shown as a "Load more" button when set. */
  onLoadMore?: () => void;
  loadingMore?: boolean;
  /** Fixes "today" for date formatting; tests pass one. */
  now?: Date;
}

export function MessageList({ messages, selectedUid, onSelect, onLoadMore, loadingMore = false, now }: MessageListProps) {
  const id = useId();
  const optionId = (uid: number) => `${id}-m${uid}`;
  const selectedIndex = messages.findIndex((m) => m.uid === selectedUid);
  const today = now ?? new Date();

  useEffect(() => {
    if (selectedUid === null) return;
    document.getElementById(`${id}-m${selectedUid}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [id, selectedUid]);

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

  return (
    <div className="message-list-scroll">
      <ul
        className="message-list"
        role="listbox"
        aria-label="Messages"
        tabIndex={0}
        aria-activedescendant={selectedIndex >= 0 && selectedUid !== null ? optionId(selectedUid) : undefined}
        onKeyDown={onKeyDown}
      >
        {messages.map((message) => {
          const selected = message.uid === selectedUid;
          const classes = ['message-row', message.seen ? 'message-read' : 'message-unread', selected ? 'message-selected' : ''];
          return (
            <li
              key={message.uid}
              id={optionId(message.uid)}
              role="option"
              aria-selected={selected}
              className={classes.join(' ').trim()}
              data-uid={message.uid}
              data-unread={message.seen ? undefined : 'true'}
              onClick={() => onSelect(message)}
            >
              <div className="message-row-top">
                <span className="unread-dot" aria-hidden="true" />
                {message.seen ? null : <span className="sr-only">Unread. </span>}
                <span className="message-sender">{senderLabel(message.from)}</span>{' '}
                <time className="message-date" dateTime={message.date}>
                  {formatListDate(message.date, today)}
                </time>
              </div>
              <div className="message-row-bottom">
                <span className={(message.subject ?? '').trim() ? 'message-subject' : 'message-subject message-subject-empty'}>
                  {subjectLabel(message.subject)}
                </span>
                {message.hasAttachments ? (
                  <span className="message-flag" title="Has attachments">
                    <Icon name="paperclip" />
                    <span className="sr-only"> Has attachments</span>
                  </span>
                ) : null}
                {message.flagged ? (
                  <span className="message-flag message-flag-star" title="Flagged">
                    <Icon name="flagged" />
                    <span className="sr-only"> Flagged</span>
                  </span>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {onLoadMore ? (
        <div className="load-more">
          <button type="button" className="button" onClick={onLoadMore} disabled={loadingMore} aria-busy={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
    </div>
  );
}
