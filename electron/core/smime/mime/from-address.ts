/**
 * Reads the From field (RFC 5322 §3.4) for the signer check. The address compared with the
 * certificate is the addr-spec only: a display name such as "alice@example.test" <mallory@evil.test>
 * names mallory, and a field with no, several or unreadable mailboxes has no single sender.
 * What a client may show as the sender's name is kept apart for mime/misleading-name.ts.
 */
import { isUtf8 } from 'node:buffer';
import { headerValues, type HeaderField } from './raw-entity';

export interface FromField {
  /** The one mailbox, or null when there is not exactly one. */
  mailbox: { name: string; address: string } | null;
  /** Why there is no single sender, for the verdict's reason. */
  problem: string | null;
  /**
   * Every text a client may show as the sender's name, decoded: the display name, comments (shown
   * as the name when there is none, as Dovecot's ENVELOPE and nodemailer's addressparser do) and a
   * group's name.
   */
  shownNames: string[];
}

export function readFrom(headers: HeaderField[]): FromField {
  const fields = headerValues(headers, 'from');
  if (fields.length === 0) return { mailbox: null, problem: 'the message has no From address', shownNames: [] };
  if (fields.length > 1) return { mailbox: null, problem: `the message has ${fields.length} From fields`, shownNames: [] };
  const mailboxes = parseMailboxes(asUtf8(fields[0]!));
  if (mailboxes.length === 0) return { mailbox: null, problem: 'the From field is empty or unreadable', shownNames: [] };
  if (mailboxes.length > 1) return { mailbox: null, problem: `the From field names ${mailboxes.length} senders`, shownNames: [] };
  const { name, address, comments, group } = mailboxes[0]!;
  const shownNames = [name, ...comments, ...(group === null ? [] : [group])].map(decodeWords).filter(Boolean);
  return { mailbox: { name: decodeWords(name), address }, problem: null, shownNames };
}

/**
 * Header fields arrive as latin1 text (one character per byte); a field in UTF-8 (RFC 6532 §3.2)
 * is read as the UTF-8 it is, so the names match what a client shows.
 */
function asUtf8(field: string): string {
  const bytes = Buffer.from(field, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : field;
}

/** Splits a mailbox-list, honouring quoted strings, comments and angle brackets. */
export function parseMailboxList(value: string): { name: string; address: string }[] {
  return parseMailboxes(value).map(({ name, address }) => ({ name, address }));
}

interface ParsedMailbox {
  name: string;
  address: string;
  /** The text of its comments, e.g. "manager" in `eve@example.test (manager)`. */
  comments: string[];
  /** The display name of the group it belongs to ("Friends: a@b, c@d;"), if any. */
  group: string | null;
}

function parseMailboxes(value: string): ParsedMailbox[] {
  const items: { text: string; comments: string[]; group: string | null }[] = [];
  let current = '';
  let comments: string[] = [];
  let commentText = '';
  let group: string | null = null;
  let quoted = false;
  let comment = 0;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted) {
      current += ch;
      if (ch === '\\' && i + 1 < value.length) current += value[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (comment > 0) {
      if (ch === '\\' && i + 1 < value.length) commentText += value[++i];
      else if (ch === '(') comment++;
      else if (ch === ')') comment--;
      if (comment === 0) {
        comments.push(commentText.trim());
        commentText = '';
      } else if (ch !== '\\') commentText += ch;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') {
      comment++;
      continue;
    } else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if ((ch === ',' || ch === ';') && !angle) {
      items.push({ text: current, comments, group });
      if (ch === ';') group = null;
      current = '';
      comments = [];
      continue;
    } else if (ch === ':' && !angle) {
      // A group ("Friends: a@b, c@d;"): its members count as mailboxes; its name is kept as shown.
      group = current.trim().replace(/^"(.*)"$/s, '$1');
      current = '';
      continue;
    }
    current += ch;
  }
  if (quoted || comment > 0 || angle) return [];
  items.push({ text: current, comments, group });
  const out: ParsedMailbox[] = [];
  for (const item of items) {
    const trimmed = item.text.trim();
    if (!trimmed) continue;
    const mailbox = parseMailbox(trimmed);
    if (!mailbox) return [];
    out.push({ ...mailbox, comments: item.comments.filter(Boolean), group: item.group });
  }
  return out;
}

function parseMailbox(text: string): { name: string; address: string } | null {
  const open = lastUnquotedIndex(text, '<');
  if (open >= 0) {
    if (!text.endsWith('>')) return null;
    const address = text.slice(open + 1, -1).trim();
    const name = text.slice(0, open).trim().replace(/^"(.*)"$/s, '$1').replace(/\\(.)/g, '$1');
    return isAddrSpec(address) ? { name, address } : null;
  }
  return isAddrSpec(text) ? { name: '', address: text } : null;
}

function lastUnquotedIndex(text: string, needle: string): number {
  let quoted = false;
  let found = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && quoted) i++;
    else if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === needle) found = i;
  }
  return found;
}

function isAddrSpec(address: string): boolean {
  return /^[^\s@<>",;:()]+@[^\s@<>",;:()]+$/.test(address);
}

/** RFC 2047 encoded words in the display name, decoded after parsing so they cannot change the syntax. */
export function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) => {
    const bytes = kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return bytes.toString('utf8');
  });
}

/** Addresses compare case-insensitively: in practice every provider treats the local part so. */
export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
