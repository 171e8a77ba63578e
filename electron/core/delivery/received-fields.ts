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
  const codes = typeof message === 'string' ? { LF: '\n', CR: '\r' } : { LF: 0x0a, CR: 0x0d };
  const at = (i: number): string | number | undefined => message[i];
  const emptyLineAt = (i: number) => at(i) === codes.LF || (at(i) === codes.CR && at(i + 1) === codes.LF);
  if (emptyLineAt(0)) return 0;
  const nextLf = (from: number) =>
    typeof message === 'string' ? message.indexOf('\n', from) : message.indexOf(0x0a, from);
  for (let i = nextLf(0); i !== -1; i = nextLf(i + 1)) {
    if (emptyLineAt(i + 1)) return i;
  }
  return message.length;
}

/**
 * Every Received field in the header block, top (newest) first, unfolded as RFC 5322 §2.2.3 says:
 * a line break followed by a space or tab is removed, the whitespace kept.
 */
export function receivedFields(block: string): ReceivedField[] {
  const fields: ReceivedField[] = [];
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
    const line = block.slice(start, end > start && block[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    if (line[0] === ' ' || line[0] === '\t') {
      if (current) append(current, line);
      continue;
    }
    close();
    const colon = line.indexOf(':');
    // RFC 5322 §4.5.1 (obsolete syntax) allows whitespace before the colon.
    if (colon !== -1 && line.slice(0, colon).trim().toLowerCase() === 'received') {
      current = { parts: [], length: 0 };
      append(current, line.slice(colon + 1));
    }
  }
  close();
  return fields;
}

function append(field: { parts: string[]; length: number }, text: string): void {
  field.length += text.length;
  // Past the limit the text is never used, so it is not kept.
  if (field.length <= MAX_RECEIVED_LENGTH) field.parts.push(text);
}
