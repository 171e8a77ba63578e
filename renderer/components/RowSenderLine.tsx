/**
 * The first line of a message-list row: the unread dot, the words a screen reader hears first
 * ("Unread.", or a conversation's "3 messages, 2 unread."), the sender, the date. A conversation adds
 * its twisty before and its message count after the senders. The spoken words are always present
 * and hidden when there are none, like RowSubjectLine's marks, so a row reused while scrolling only
 * flips an attribute; and they are one visually hidden element per row at most, because each such
 * element (absolutely placed and clipped) costs layout and paint on every row that scrolls in.
 * Shared by the flat and grouped lists.
 */
import type { ReactNode } from 'react';

export interface RowSenderLineProps {
  /** What a screen reader hears before the sender, or null for nothing. */
  spoken: string | null;
  sender: string;
  date: string;
  dateLabel: string;
  before?: ReactNode;
  afterSender?: ReactNode;
}

export function RowSenderLine({ spoken, sender, date, dateLabel, before, afterSender }: RowSenderLineProps) {
  return (
    <div className="message-row-top">
      {before}
      <span className="unread-dot" aria-hidden="true" />
      {/* One text child that is never removed: a row reused for a message with nothing to say keeps
          it, hidden, instead of React deleting a text node and making it again for the next. */}
      <span className="sr-only" hidden={spoken === null}>
        {spoken === null ? ' ' : `${spoken} `}
      </span>
      <span className="message-sender">{sender}</span> {afterSender}
      {afterSender ? ' ' : null}
      <time className="message-date" dateTime={date}>
        {dateLabel}
      </time>
    </div>
  );
}
