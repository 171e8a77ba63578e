/**
 * The Received fields of a message, top to bottom, read from its header block alone (RFC 5322 §2.1:
 * the header ends at the first empty line; the body is never decoded). One pass over the bytes, so a
 * megabyte of header costs a megabyte of scanning and nothing more.
 */

/** RFC 5321 §4.5.3.1.6 allows 1000-octet lines; a trace field past 8 KB is junk, not a hop. */
export const MAX_RECEIVED_LENGTH = 8 * 1024;

export interface ReceivedField {
  /** The unfolded value after the colon, or '' when the field is longer than MAX_RECEIVED_LENGTH. */
  value: string;
  tooLong: boolean;
}

/** The header block as text: up to the first empty line, or everything when there is none. */
export function headerBlock(message: Buffer | string): string {
  const end = headerEnd(message);
  return typeof message === 'string' ? message.slice(0, end) : message.subarray(0, end).toString('utf8');
}

/** Offset of the line break that ends the last header line (CRLF or bare LF line endings). */
function headerEnd(message: Buffer | string): number {
  if (message.indexOf('\n') === 0 || message.indexOf('\r\n') === 0) return 0;
  // Two native searches, one for each line ending; the empty line is wherever the first one is.
  const ends = [message.indexOf('\n\n'), message.indexOf('\n\r\n')].filter((at) => at !== -1);
  return ends.length > 0 ? Math.min(...ends) : message.length;
}

/**
 * The first `limit` Received fields in the header block, top (newest) first, unfolded as RFC 5322
 * §2.2.3 says (a line break followed by a space or tab is removed, the whitespace kept), and how
 * many there are in all. Fields past the limit are counted, never copied.
 */
export function receivedFields(block: string, limit: number): { fields: ReceivedField[]; total: number } {
  const fields: ReceivedField[] = [];
  let total = 0;
  let current: { parts: string[]; length: number } | null = null;
  const close = () => {
    if (!current) return;
    const tooLong = current.length > MAX_RECEIVED_LENGTH;
    fields.push({ value: tooLong ? '' : current.parts.join(''), tooLong });
    current = null;
  };
  let start = 0;
  while (start <= block.length) {
    let end = block.indexOf('\n', start);
    if (end === -1) end = block.length;
    // Only the CR of a CRLF belongs to the line break; any other CR stays and is refused later.
    const lineEnd = end > start && block[end - 1] === '\r' ? end - 1 : end;
    const lineStart = start;
    start = end + 1;
    if (block[lineStart] === ' ' || block[lineStart] === '\t') {
      if (current) append(current, block.slice(lineStart, lineEnd));
      continue;
    }
    close();
    const colon = receivedColon(block, lineStart, lineEnd);
    if (colon === -1) continue;
    total++;
    if (total <= limit) {
      current = { parts: [], length: 0 };
      append(current, block.slice(colon + 1, lineEnd));
    }
  }
  close();
  return { fields, total };
}

/**
 * Where the colon of a Received field starting at `start` is, or -1 for any other line. Looks at
 * a few characters only, so a line of any length costs nothing here. RFC 5322 §4.5.1 (obsolete
 * syntax) allows whitespace before the colon.
 */
function receivedColon(block: string, start: number, end: number): number {
  if (end - start < 9 || block.slice(start, start + 8).toLowerCase() !== 'received') return -1;
  let i = start + 8;
  while (i < end && (block[i] === ' ' || block[i] === '\t')) i++;
  return i < end && block[i] === ':' ? i : -1;
}

function append(field: { parts: string[]; length: number }, text: string): void {
  field.length += text.length;
  // Past the limit the text is never used, so it is not kept.
  if (field.length <= MAX_RECEIVED_LENGTH) field.parts.push(text);
}
