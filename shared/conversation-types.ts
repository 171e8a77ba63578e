/** Types of the conversation view: a folder's messages grouped by References and In-Reply-To. */
import type { MailAddress, MessageSummary } from './domain';

/** One conversation of a folder, as a row of the grouped message list shows it. */
export interface ConversationSummary {
  /** Stable while the conversation lives (a reply joining it keeps it): the key for its row. */
  id: string;
  /** The newest of its messages in this folder: the row shows it and selecting the row opens it. */
  latest: MessageSummary;
  /** How many of its messages this folder holds. */
  count: number;
  unread: number;
  /** Whether any of its messages is flagged, or has attachments. */
  flagged: boolean;
  hasAttachments: boolean;
  /** The distinct senders of its messages, oldest first. */
  participants: MailAddress[];
}

export interface ConversationPage {
  conversations: ConversationSummary[];
  /** Whether conversations older than these remain (counting them all would read the whole folder). */
  hasMore: boolean;
  /** How many messages they hold. */
  messages: number;
  offset: number;
}
