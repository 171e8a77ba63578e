/**
 * The first line of a message-list row: the unread dot (and its words for screen readers), the
 * sender, the date. A conversation adds its twisty before and its message count after the senders.
 * The unread words are always present and hidden when read, like RowSubjectLine's marks, so a row
 * reused while scrolling only flips an attribute. Shared by the flat and grouped lists.
 */
import type { ReactNode } from 'react';

export interface RowSenderLineProps {
  unread: boolean;
  /** What a screen reader hears for an unread row. */
  unreadText?: string;
  sender: string;
  date: string;
  dateLabel: string;
  before?: ReactNode;
  afterSender?: ReactNode;
}

export function RowSenderLine({ unread, unreadText = 'Unread.', sender, date, dateLabel, before, afterSender }: RowSenderLineProps) {
  return (
    <div className="message-row-top">
      {before}
      <span className="unread-dot" aria-hidden="true" />
      <span className="sr-only" hidden={!unread}>
        {unreadText}{' '}
      </span>
      <span className="message-sender">{sender}</span> {afterSender}
      {afterSender ? ' ' : null}
      <time className="message-date" dateTime={date}>
        {dateLabel}
      </time>
    </div>
  );
}
