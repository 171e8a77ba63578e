/**
 * Threading a batch without a lookup per message. Most messages of a first sync share no id with
 * anything stored or with another message of their batch: their thread is simply named after their
 * oldest reference or themselves, which is what MailStore.threadFor would find after two index
 * lookups. One query per batch finds which ids are known; only the messages touching those, or
 * sharing an id within the batch, go through threadFor, which keeps its exact rules (merges included).
 */
import type Database from 'better-sqlite3';
import type { StoredMessage } from './stored-message';

/** The ids a message threads by, oldest reference first, its own id last (the order threadFor names threads by). */
export function threadNames(message: StoredMessage): string[] {
  const names = [...message.references];
  if (message.inReplyTo) names.push(message.inReplyTo);
  if (message.messageId) names.push(message.messageId);
  return names;
}

/** The thread of a message that shares no id with anything stored or with its batch. */
export function ownThread(message: StoredMessage, names: readonly string[]): string {
  return names[0] ?? `uid:${message.uid}:${message.date}`;
}

/** Ids per query: one JSON parameter, so no limit on bound variables applies. */
const IDS_PER_QUERY = 5000;

/**
 * The messages of `messages` that share no id (Message-ID, In-Reply-To, References) with a stored
 * message's id or thread, nor with another message of the batch.
 */
export function unrelatedMessages(db: Database.Database, accountId: string, messages: readonly StoredMessage[]): Set<StoredMessage> {
  const uses = new Map<string, number>();
  const namesOf = new Map<StoredMessage, string[]>();
  for (const message of messages) {
    const names = [...new Set(threadNames(message))];
    namesOf.set(message, names);
    for (const name of names) uses.set(name, (uses.get(name) ?? 0) + 1);
  }
  const known = new Set<string>();
  const all = [...uses.keys()];
  // Two lookups by equality on their own indexes (an OR would scan the account's thread index).
  const lookup = db.prepare(`SELECT message_id FROM messages WHERE account_id = ? AND message_id IN (SELECT value FROM json_each(?))
    UNION SELECT thread_id FROM messages WHERE account_id = ? AND thread_id IN (SELECT value FROM json_each(?))`).pluck();
  for (let start = 0; start < all.length; start += IDS_PER_QUERY) {
    const ids = JSON.stringify(all.slice(start, start + IDS_PER_QUERY));
    for (const id of lookup.all(accountId, ids, accountId, ids) as (string | null)[]) if (id !== null) known.add(id);
  }
  const unrelated = new Set<StoredMessage>();
  for (const [message, names] of namesOf) {
    if (names.every((name) => uses.get(name) === 1 && !known.has(name))) unrelated.add(message);
  }
  return unrelated;
}
