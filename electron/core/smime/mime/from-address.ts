/**
 * Reads the From field (RFC 5322 §3.4) for the signer check. The address compared with the
 * certificate is the addr-spec only: a display name such as "alice@example.test" <mallory@evil.test>
 * names mallory, and a field with no, several or unreadable mailboxes has no single sender.
 */
import { headerValues, type HeaderField } from './raw-entity';

export interface FromField {
  /** The one mailbox, or null when there is not exactly one. */
  mailbox: { name: string; address: string } | null;
  /** Why there is no single sender, for the verdict's reason. */
  problem: string | null;
}

export function readFrom(headers: HeaderField[]): FromField {
  const fields = headerValues(headers, 'from');
  if (fields.length === 0) return { mailbox: null, problem: 'the message has no From address' };
  if (fields.length > 1) return { mailbox: null, problem: `the message has ${fields.length} From fields` };
  const mailboxes = parseMailboxList(fields[0]!).map((mailbox) => ({ ...mailbox, name: decodeWords(mailbox.name) }));
  if (mailboxes.length === 0) return { mailbox: null, problem: 'the From field is empty or unreadable' };
  if (mailboxes.length > 1) return { mailbox: null, problem: `the From field names ${mailboxes.length} senders` };
  return { mailbox: mailboxes[0]!, problem: null };
}

/** Splits a mailbox-list, honouring quoted strings, comments and angle brackets. */
export function parseMailboxList(value: string): { name: string; address: string }[] {
  const items: string[] = [];
  let current = '';
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
      if (ch === '\\') i++;
      else if (ch === '(') comment++;
      else if (ch === ')') comment--;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(') {
      comment++;
      continue;
    } else if (ch === '<') angle = true;
    else if (ch === '>') angle = false;
    else if ((ch === ',' || ch === ';') && !angle) {
      items.push(current);
      current = '';
      continue;
    } else if (ch === ':' && !angle) {
      // A group ("Friends: a@b, c@d;"): its members count as mailboxes; the name is dropped.
      current = '';
      continue;
    }
    current += ch;
  }
  if (quoted || comment > 0 || angle) return [];
  items.push(current);
  const out: { name: string; address: string }[] = [];
  for (const item of items) {
    const trimmed = item.trim();
    if (!trimmed) continue;
    const mailbox = parseMailbox(trimmed);
    if (!mailbox) return [];
    out.push(mailbox);
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
