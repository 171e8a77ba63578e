/**
 * Reads a mailto: link (RFC 6068) into what the composer may be pre-filled with: To, Cc, Subject
 * and body. A link is written by whoever wrote the web page or the message it came from, so it
 * is treated as hostile: attachments (`attach`, `attachment`), Bcc (a hidden copy the user would
 * not notice) and every other header are ignored; addresses that do not look like one address
 * are dropped; the subject is one line; everything is capped in length.
 */
import { emailAddress } from './inputs';

/** A composer pre-filled from a mailto: link; the user still reviews and sends it. */
export interface ComposeRequest {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
}

const MAX_LINK_LENGTH = 64 * 1024;
const MAX_RECIPIENTS = 100;
const MAX_SUBJECT_LENGTH = 998;
const MAX_BODY_LENGTH = 32 * 1024;

/**
 * Parses `link` when it is a mailto: URL; returns null for anything else or a link too malformed
 * to read (bad percent-encoding, absurd length). Never throws.
 */
export function parseMailto(link: unknown): ComposeRequest | null {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH) return null;
  const match = /^mailto:([^?#]*)(?:\?([^#]*))?/i.exec(link.trim());
  if (!match) return null;
  const [, path = '', query = ''] = match;
  const to: string[] = [];
  const cc: string[] = [];
  let subject = '';
  let body = '';
  try {
    to.push(...addressesOf(decode(path)));
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const [rawName = '', ...rest] = pair.split('=');
      const name = decode(rawName).toLowerCase();
      const value = decode(rest.join('='));
      // Only the first subject and body count, as in most mail programs.
      if (name === 'to') to.push(...addressesOf(value));
      else if (name === 'cc') cc.push(...addressesOf(value));
      else if (name === 'subject' && subject === '') subject = oneLine(value).slice(0, MAX_SUBJECT_LENGTH);
      else if (name === 'body' && body === '') body = value.replace(/\r\n?/g, '\n').replace(/[^\P{Cc}\n\t]/gu, '').slice(0, MAX_BODY_LENGTH);
    }
  } catch {
    return null;
  }
  return { to: unique(to).slice(0, MAX_RECIPIENTS), cc: unique(cc).slice(0, MAX_RECIPIENTS), subject, body };
}

/** RFC 6068 percent-decoding; '+' stays a plus (it is not a space in mailto:). Throws on bad escapes. */
function decode(text: string): string {
  return decodeURIComponent(text);
}

/** Splits an address list on commas and keeps only what is one plain address. */
function addressesOf(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && emailAddress.safeParse(part).success);
}

/** Control characters (line breaks included) become spaces: a subject cannot smuggle a header. */
function oneLine(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
