/** The search baseline: the same words and filters as the real search, answered by a LIKE scan instead of FTS5. */
import type Database from 'better-sqlite3';
import { parseSearch } from '../../electron/core/store/search-query';

const FILTERS: Record<string, string> = {
  attachment: 'has_attachments = 1',
  unread: 'seen = 0',
  read: 'seen = 1',
  flagged: 'flagged = 1',
  signed: 'signed = 1',
  encrypted: 'encrypted = 1',
};

export function likeSearch(db: Database.Database, accountId: string, folder: string, query: string, limit: number): unknown[] {
  const { filters } = parseSearch(query);
  const words = query
    .split(/\s+/)
    .filter((token) => token && !/^(is|has):/i.test(token))
    .map((token) => token.replace(/^(from|to|subject):/i, ''));
  const where = ['account_id = ?', 'folder = ?', 'hidden = 0', ...filters.map((f) => FILTERS[f]!)];
  for (let i = 0; i < words.length; i++) where.push("(subject || ' ' || from_name || ' ' || from_address || ' ' || to_json) LIKE ?");
  const sql = `SELECT uid, subject, from_name, from_address, date FROM messages WHERE ${where.join(' AND ')} ORDER BY date DESC, uid DESC LIMIT ?`;
  return db.prepare(sql).all(accountId, folder, ...words.map((w) => `%${w}%`), limit);
}
