/**
 * The rows of the grouped list, made only when shown. A folder of 100,000 messages has some 50,000
 * conversations; an object and a key string for each of their rows, built whenever the list changes,
 * were the largest thing the grouped list kept (megabytes the flat list does not have, still young
 * when scrolling starts), so the first scrolled frames paid for copying them and a major collection
 * followed. Here only the open conversations are indexed; a row is built when asked for, and kept
 * (a bounded number of them) so a row that stays in view keeps the same object and is not re-rendered.
 */
import type { ConversationSummary } from '../../shared/conversation-types';
import type { MessageSummary } from '../../shared/domain';

/** One row of the tree: a conversation, or one of the messages of an expanded one. */
export type ConversationRow =
  | { kind: 'conversation'; key: string; conversation: ConversationSummary; expanded: boolean; position: number; size: number }
  | { kind: 'message'; key: string; conversation: ConversationSummary; message: MessageSummary; position: number; size: number };

/**
 * The key of a conversation's row, and the key every set and map of the renderer holds a
 * conversation under (which are open, their loaded messages, a page's rows by key). Made anew on
 * each call, and that is the point: hashing a string as a Set or Map key makes V8 keep that string
 * somewhere its collector revisits, and the 50,000 conversation ids of a big folder, hashed once
 * each, made every major collection of the grouped list 3 to 4 ms longer (bench/ui, the pause of
 * ui.conversations.maxframe). A key made for the lookup is hashed instead of the id, and dies young.
 */
export const conversationKey = (conversation: Pick<ConversationSummary, 'id'>) => `c:${conversation.id}`;

/** Whether `key` is conversationKey(conversation), without making one: for scans of every conversation. */
export const isConversationKey = (key: string, conversation: Pick<ConversationSummary, 'id'>) =>
  key.length === conversation.id.length + 2 && key.startsWith('c:') && key.endsWith(conversation.id);
export const messageKey = (message: Pick<MessageSummary, 'uid'>) => `m:${message.uid}`;

/** Rows kept while scrolling: a few screens' worth. */
const ROWS_KEPT = 500;

export class ConversationRows {
  /** How many rows the tree shows. */
  readonly length: number;
  /** The open conversations whose messages are loaded, ascending by index among the conversations. */
  private readonly open: number[] = [];
  /** The row index of each open conversation's own row. */
  private readonly openRow: number[] = [];
  private readonly made = new Map<number, ConversationRow>();

  /** `expanded` and `members` are keyed by conversationKey. */
  constructor(
    private readonly conversations: readonly ConversationSummary[],
    private readonly expanded: ReadonlySet<string>,
    private readonly members: ReadonlyMap<string, readonly MessageSummary[]>,
  ) {
    let extra = 0;
    if (expanded.size > 0) {
      for (let index = 0; index < conversations.length; index++) {
        const conversation = conversations[index]!;
        if (conversation.count <= 1 || !expanded.has(conversationKey(conversation))) continue;
        const messages = members.get(conversationKey(conversation));
        this.open.push(index);
        this.openRow.push(index + extra);
        extra += messages?.length ?? 0;
      }
    }
    this.length = conversations.length + extra;
  }

  /** The row at `index` (0 ≤ index < length). */
  at(index: number): ConversationRow {
    let row = this.made.get(index);
    if (row === undefined) {
      row = this.build(index);
      if (this.made.size >= ROWS_KEPT) this.made.clear();
      this.made.set(index, row);
    }
    return row;
  }

  /** Every row, in order: for a short list, which renders them all. */
  all(): ConversationRow[] {
    return Array.from({ length: this.length }, (_, index) => this.at(index));
  }

  /** The index of the row with this key (conversationKey or messageKey), or -1. */
  indexOfKey(key: string): number {
    if (key.startsWith('m:')) return this.indexOfMember(Number(key.slice(2)));
    const index = this.conversations.findIndex((conversation) => isConversationKey(key, conversation));
    return index < 0 ? -1 : this.rowOfConversation(index);
  }

  /** The index of the row of an open conversation's message with this uid, or -1. */
  indexOfMember(uid: number): number {
    for (let j = 0; j < this.open.length; j++) {
      const place = this.messagesOf(j)?.findIndex((message) => message.uid === uid) ?? -1;
      if (place >= 0) return this.openRow[j]! + 1 + place;
    }
    return -1;
  }

  /** The index of the row of the conversation whose newest message has this uid, or -1. */
  indexOfLatest(uid: number): number {
    const index = this.conversations.findIndex((conversation) => conversation.latest.uid === uid);
    return index < 0 ? -1 : this.rowOfConversation(index);
  }

  private messagesOf(j: number): readonly MessageSummary[] | undefined {
    return this.members.get(conversationKey(this.conversations[this.open[j]!]!));
  }

  /** The last place in `ascending` (open or openRow) holding at most `value`, or -1. */
  private openBefore(value: number, ascending: readonly number[]): number {
    let low = 0;
    let high = ascending.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (ascending[mid]! <= value) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  private rowOfConversation(index: number): number {
    const j = this.openBefore(index, this.open);
    if (j < 0) return index;
    if (this.open[j] === index) return this.openRow[j]!;
    // After the open conversation j's row come its messages, then closed conversations up to `index`.
    return this.openRow[j]! + (this.messagesOf(j)?.length ?? 0) + (index - this.open[j]!);
  }

  private build(index: number): ConversationRow {
    const j = this.openBefore(index, this.openRow);
    let conversationIndex = index;
    if (j >= 0) {
      const place = index - this.openRow[j]! - 1;
      const messages = this.messagesOf(j) ?? [];
      const conversation = this.conversations[this.open[j]!]!;
      if (place >= 0 && place < messages.length) {
        const message = messages[place]!;
        return { kind: 'message', key: messageKey(message), conversation, message, position: place + 1, size: messages.length };
      }
      conversationIndex = this.open[j]! + (place < 0 ? 0 : place - messages.length + 1);
    }
    const conversation = this.conversations[conversationIndex]!;
    const open = j >= 0 && this.open[j] === conversationIndex;
    return { kind: 'conversation', key: conversationKey(conversation), conversation, expanded: open, position: conversationIndex + 1, size: this.conversations.length };
  }
}
