/**
 * The search box's little language: free words search sender, recipients, subject and body;
 * `from:`, `to:`, `subject:` narrow a word to one field; `has:attachment`, `is:unread`, `is:read`,
 * `is:flagged`, `is:signed`, `is:encrypted` filter. Quotes group words ("quarterly report").
 * Every word is matched as a prefix, so results follow the typing.
 */

export type SearchFilter = 'attachment' | 'unread' | 'read' | 'flagged' | 'signed' | 'encrypted';

export interface ParsedSearch {
  /** An FTS5 MATCH expression, or null when only filters were given. */
  match: string | null;
  filters: SearchFilter[];
}

const FIELDS: Record<string, string> = { from: 'sender', to: 'recipients', subject: 'subject', body: 'body' };
const FILTERS: Record<string, SearchFilter> = {
  'has:attachment': 'attachment',
  'has:attachments': 'attachment',
  'is:unread': 'unread',
  'is:read': 'read',
  'is:flagged': 'flagged',
  'is:starred': 'flagged',
  'is:signed': 'signed',
  'is:encrypted': 'encrypted',
};

/** Splits on spaces outside quotes; keeps `field:"two words"` together. */
function tokens(query: string): string[] {
  return query.match(/(?:[^\s"]+:)?"[^"]*"?|\S+/g) ?? [];
}

/** One word or phrase as a safe FTS5 string: quoted, inner quotes doubled, matched as a prefix. */
function term(text: string): string | null {
  const words = text.replace(/"/g, ' ').trim();
  if (!words) return null;
  // FTS5 tokenises the phrase the same way as the indexed text; punctuation inside is harmless.
  return `"${words.replace(/"/g, '""')}"*`;
}

export function parseSearch(query: string): ParsedSearch {
  const filters = new Set<SearchFilter>();
  const parts: string[] = [];
  for (const token of tokens(query)) {
    const filter = FILTERS[token.toLowerCase()];
    if (filter) {
      filters.add(filter);
      continue;
    }
    const field = /^([a-z]+):(.*)$/i.exec(token);
    const column = field ? FIELDS[field[1]!.toLowerCase()] : undefined;
    if (field && column) {
      const value = term(field[2]!);
      if (value) parts.push(`${column} : ${value}`);
      continue;
    }
    const value = term(token);
    if (value) parts.push(value);
  }
  return { match: parts.length > 0 ? parts.join(' AND ') : null, filters: [...filters] };
}
