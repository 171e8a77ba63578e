/**
 * A folder's messages grouped into conversations (threads by References and In-Reply-To, see
 * MailStore.threadFor), newest conversation first by its newest message. Only messages of this
 * folder that no pending command hides are counted.
 *
 * Why the page query has this shape: grouping the whole folder and sorting the groups reads every
 * message of it on every page. Walking the folder newest first (messages_newest_first) and keeping
 * a message only when nothing in its thread is newer (one seek in messages_by_folder_thread) stops
 * as soon as the page is full.
 */
import type Database from 'better-sqlite3';
import type { ConversationPage, ConversationSummary } from '../../../shared/conversation-types';
import type { MailAddress, MessageSummary } from '../../../shared/domain';
import { SUMMARY_COLUMNS, toSummary, type MessageRow } from './stored-message';

/** The newest message of each thread, newest first. A message without a thread is its own. */
export const CONVERSATION_HEADS_SQL = `SELECT ${SUMMARY_COLUMNS} FROM messages m
  WHERE m.account_id = @accountId AND m.folder = @folder AND m.hidden = 0
    AND NOT EXISTS (SELECT 1 FROM messages n
      WHERE n.account_id = m.account_id AND n.folder = m.folder AND n.thread_id = m.thread_id AND n.hidden = 0
        AND (n.date > m.date OR (n.date = m.date AND n.uid > m.uid)))
  ORDER BY m.date DESC, m.uid DESC LIMIT @limit OFFSET @offset`;

/** How many messages a folder shows (the conversation count is not kept: counting distinct threads reads the whole folder). */
export const FOLDER_COUNT_SQL = 'SELECT count(*) FROM messages WHERE account_id = @accountId AND folder = @folder AND hidden = 0';

/** The messages of a page's threads; named index, as the planner would otherwise walk the whole folder by date. */
const membersSql = (threads: number) => `SELECT thread_id, seen, flagged, has_attachments, from_name, from_address
  FROM messages INDEXED BY messages_by_folder_thread
  WHERE account_id = ? AND folder = ? AND thread_id IN (${Array.from({ length: threads }, () => '?').join(',')}) AND hidden = 0
  ORDER BY date, uid`;

interface MemberRow {
  thread_id: string;
  seen: number;
  flagged: number;
  has_attachments: number;
  from_name: string;
  from_address: string;
}

export function conversationPage(db: Database.Database, accountId: string, folder: string, offset: number, limit: number): ConversationPage {
  // One more than asked for says whether another page follows.
  const heads = db.prepare(CONVERSATION_HEADS_SQL).all({ accountId, folder, limit: limit + 1, offset }) as MessageRow[];
  const hasMore = heads.length > limit;
  if (hasMore) heads.pop();
  const messages = db.prepare(FOLDER_COUNT_SQL).pluck().get({ accountId, folder }) as number;
  const threads = heads.map((row) => row.thread_id).filter((id): id is string => id !== null);
  const members = new Map<string, MemberRow[]>();
  if (threads.length > 0) {
    const rows = db
      .prepare(membersSql(threads.length))
      .all(accountId, folder, ...threads) as MemberRow[];
    for (const row of rows) {
      const list = members.get(row.thread_id);
      if (list) list.push(row);
      else members.set(row.thread_id, [row]);
    }
  }
  const conversations = heads.map((row) => summarise(row, row.thread_id ? (members.get(row.thread_id) ?? []) : []));
  return { conversations, hasMore, messages, offset };
}

/** The messages of the conversation `uid` belongs to, in this folder, oldest first. */
export function conversationMessages(db: Database.Database, accountId: string, folder: string, uid: number): MessageSummary[] {
  const rows = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM messages t JOIN messages m
        ON m.account_id = t.account_id AND m.folder = t.folder AND m.thread_id = t.thread_id AND m.hidden = 0
      WHERE t.account_id = ? AND t.folder = ? AND t.uid = ? ORDER BY m.date, m.uid`)
    .all(accountId, folder, uid) as MessageRow[];
  if (rows.length > 0) return rows.map(toSummary);
  // A message without a thread (never stored by this Sealmail) is a conversation of one.
  const own = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM messages m WHERE m.account_id = ? AND m.folder = ? AND m.uid = ? AND m.hidden = 0`).get(accountId, folder, uid) as
    | MessageRow
    | undefined;
  return own ? [toSummary(own)] : [];
}

function summarise(head: MessageRow, members: readonly MemberRow[]): ConversationSummary {
  const latest = toSummary(head);
  if (members.length === 0) {
    return { id: head.thread_id ?? `id:${head.id}`, latest, count: 1, unread: latest.seen ? 0 : 1, flagged: latest.flagged, hasAttachments: latest.hasAttachments, participants: latest.from ? [latest.from] : [] };
  }
  const participants: MailAddress[] = [];
  const known = new Set<string>();
  for (const m of members) {
    const key = (m.from_address || m.from_name).toLowerCase();
    if (!key || known.has(key)) continue;
    known.add(key);
    participants.push({ name: m.from_name, address: m.from_address });
  }
  return {
    id: head.thread_id!,
    latest,
    count: members.length,
    unread: members.filter((m) => m.seen === 0).length,
    flagged: members.some((m) => m.flagged === 1),
    hasAttachments: members.some((m) => m.has_attachments === 1),
    participants,
  };
}
