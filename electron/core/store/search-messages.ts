/**
 * Runs a parsed search against the store: FTS5 for the words (on disk for ordinary mail, in memory
 * for opened encrypted mail), plain columns for the filters, newest first.
 */
import type Database from 'better-sqlite3';
import type { MessagePage } from '../../../shared/domain';
import { parseSearch, type SearchFilter } from './search-query';
import { SUMMARY_COLUMNS, toSummary, type MessageRow } from './stored-message';

const FILTER_SQL: Record<SearchFilter, string> = {
  attachment: 'm.has_attachments = 1',
  unread: 'm.seen = 0',
  read: 'm.seen = 1',
  flagged: 'm.flagged = 1',
  signed: 'm.signed = 1',
  encrypted: 'm.encrypted = 1',
};

export function searchMessages(db: Database.Database, accountId: string, folder: string, query: string, limit: number): MessagePage {
  const parsed = parseSearch(query);
  const where = ['m.account_id = @accountId', 'm.folder = @folder', 'm.hidden = 0', ...parsed.filters.map((f) => FILTER_SQL[f])];
  if (parsed.match) {
    where.push(`m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match
      UNION SELECT rowid FROM secret.opened_fts WHERE opened_fts MATCH @match)`);
  }
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM messages m WHERE ${where.join(' AND ')} ORDER BY m.date DESC, m.uid DESC LIMIT @limit`;
  const rows = db.prepare(sql).all({ accountId, folder, limit, ...(parsed.match ? { match: parsed.match } : {}) }) as MessageRow[];
  return { messages: rows.map(toSummary), total: rows.length, offset: 0 };
}
