/**
 * A MIME entity read straight from raw bytes (RFC 2045/2046), without any parser that could
 * re-serialise it: a signature covers exact bytes, so every part keeps the byte range it came from.
 * Depth and part count are bounded so hostile nesting cannot exhaust the stack or the heap.
 */

export interface HeaderField {
  /** Lower-case field name. */
  name: string;
  /** Unfolded value, leading white space removed. */
  value: string;
}

export interface RawEntity {
  /** The whole entity: header, blank line and body, exactly as received. */
  raw: Buffer;
  headers: HeaderField[];
  /** e.g. 'multipart/signed'; 'text/plain' when absent (RFC 2045 §5.2). */
  mediaType: string;
  params: Record<string, string>;
  body: Buffer;
  /** Only for multipart/*: the parts in order. */
  parts: RawEntity[];
  depth: number;
}

export const MIME_LIMITS = { maxDepth: 24, maxParts: 2_000, maxBytes: 64 * 1024 * 1024 } as const;

export class MimeStructureError extends Error {}

/** Reads an entity and, for multipart, its parts; throws MimeStructureError past the limits. */
export function readEntity(raw: Buffer, depth = 0, budget = { parts: 0 }): RawEntity {
  if (depth > MIME_LIMITS.maxDepth) throw new MimeStructureError(`its parts are nested more than ${MIME_LIMITS.maxDepth} levels deep`);
  if (raw.length > MIME_LIMITS.maxBytes) throw new MimeStructureError(`it is larger than ${MIME_LIMITS.maxBytes / 1024 / 1024} MB`);
  if (++budget.parts > MIME_LIMITS.maxParts) throw new MimeStructureError(`it has more than ${MIME_LIMITS.maxParts} parts`);
  const { headerBytes, body } = splitHeaderAndBody(raw);
  const headers = parseHeaderFields(headerBytes);
  // Two readers may pick different copies of a repeated structural field and so see different
  // messages; one of them would then be shown while the other was verified.
  for (const name of ['content-type', 'content-transfer-encoding']) {
    if (headerValues(headers, name).length > 1) throw new MimeStructureError(`a part has more than one ${name} field, so it could be read in two ways`);
  }
  const { mediaType, params } = parseContentType(headerValue(headers, 'content-type'));
  const entity: RawEntity = { raw, headers, mediaType, params, body, parts: [], depth };
  if (mediaType.startsWith('multipart/')) {
    const boundary = params.boundary;
    if (!boundary) throw new MimeStructureError(`a ${mediaType} part declares no boundary`);
    entity.parts = splitMultipart(body, boundary).map((part) => readEntity(part, depth + 1, budget));
  }
  return entity;
}

/**
 * Reads the content of a signed or encrypted layer. `openssl cms -encrypt -in plain.txt` (without
 * -text) and other peers wrap plain bytes, not a MIME entity: content that does not open with a
 * header block is read as a text/plain body (UTF-8, as it was typed), so its text is shown instead
 * of being taken for a broken header. The entity's `raw` then carries that header in front, so any
 * later reader (the view, the draft) sees the same entity. Content that starts with an empty line
 * is a MIME entity with no header (RFC 2045 §5.2 defaults) and is read as such.
 */
export function readLayerContent(raw: Buffer, depth: number): RawEntity {
  if (opensWithHeaderBlock(raw)) return readEntity(raw, depth);
  return readEntity(Buffer.concat([PLAIN_TEXT_HEADER, raw]), depth);
}

const PLAIN_TEXT_HEADER = Buffer.from('Content-Type: text/plain; charset=utf-8\r\n\r\n', 'latin1');

/**
 * Whether every line before the first empty one (or the end) is a header field, RFC 5322 §2.2
 * (name of printable characters but ':', then ':'), or a folded continuation of the one before.
 */
export function opensWithHeaderBlock(raw: Buffer): boolean {
  const { headerBytes } = splitHeaderAndBody(raw);
  const lines = headerBytes.toString('latin1').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  // RFC 5322 §4.5.3 (obsolete syntax) allows white space between the field name and the colon.
  return lines.every((line, i) => /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(line) || (i > 0 && /^[ \t]/.test(line)));
}

/** The header ends at the first empty line (CRLF CRLF, or LF LF in files saved with Unix endings). */
export function splitHeaderAndBody(raw: Buffer): { headerBytes: Buffer; body: Buffer } {
  // A part that starts with an empty line has no header at all.
  if (raw[0] === 0x0a) return { headerBytes: raw.subarray(0, 0), body: raw.subarray(1) };
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { headerBytes: raw.subarray(0, 0), body: raw.subarray(2) };
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    if (raw[i + 1] === 0x0a) return { headerBytes: raw.subarray(0, i + 1), body: raw.subarray(i + 2) };
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return { headerBytes: raw.subarray(0, i + 1), body: raw.subarray(i + 3) };
  }
  return { headerBytes: raw, body: raw.subarray(raw.length) };
}

/** RFC 5322 §2.2.3: unfolds continuation lines; keeps every field, so duplicates can be counted. */
export function parseHeaderFields(headerBytes: Buffer): HeaderField[] {
  const fields: HeaderField[] = [];
  for (const line of headerBytes.toString('latin1').split(/\r?\n/)) {
    if (line === '') continue;
    const last = fields[fields.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last) {
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

export function headerValue(headers: HeaderField[], name: string): string | undefined {
  return headers.find((field) => field.name === name)?.value;
}

export function headerValues(headers: HeaderField[], name: string): string[] {
  return headers.filter((field) => field.name === name).map((field) => field.value);
}

/** RFC 2045 §5.1, with quoted strings and comments; parameter names lower-cased. */
export function parseContentType(value: string | undefined): { mediaType: string; params: Record<string, string> } {
  if (!value) return { mediaType: 'text/plain', params: { charset: 'us-ascii' } };
  const tokens = splitParameters(value);
  const mediaType = (tokens.shift() ?? '').trim().toLowerCase();
  const params: Record<string, string> = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq <= 0) continue;
    const name = token.slice(0, eq).trim().toLowerCase();
    let paramValue = token.slice(eq + 1).trim();
    if (paramValue.startsWith('"') && paramValue.endsWith('"') && paramValue.length >= 2) {
      paramValue = paramValue.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    // The first occurrence wins: a second "boundary" must not redirect the split.
    if (!(name in params)) params[name] = paramValue;
  }
  return { mediaType: /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mediaType) ? mediaType : 'application/octet-stream', params };
}

function splitParameters(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let comment = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted) {
      current += ch;
      if (ch === '\\' && i + 1 < value.length) current += value[++i];
      else if (ch === '"') quoted = false;
    } else if (comment > 0) {
      if (ch === '(') comment++;
      else if (ch === ')') comment--;
    } else if (ch === '"') {
      quoted = true;
      current += ch;
    } else if (ch === '(') {
      comment++;
    } else if (ch === ';') {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out;
}

/**
 * RFC 2046 §5.1.1: a delimiter is CRLF "--" boundary at the start of a line; the line break before
 * it belongs to the delimiter, not to the part. Returns each part's exact bytes.
 */
export function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const starts: { lineStart: number; contentEnd: number; after: number; closing: boolean }[] = [];
  let from = 0;
  while (from <= body.length) {
    const at = body.indexOf(delimiter, from);
    if (at < 0) break;
    const atLineStart = at === 0 || body[at - 1] === 0x0a;
    if (!atLineStart) {
      from = at + 1;
      continue;
    }
    // The line break before the delimiter (CRLF or bare LF) is not part of the preceding part.
    const contentEnd = at === 0 ? 0 : body[at - 2] === 0x0d ? at - 2 : at - 1;
    let after = at + delimiter.length;
    const closing = body[after] === 0x2d && body[after + 1] === 0x2d;
    if (closing) after += 2;
    // Transport padding (white space) then the end of the delimiter line.
    while (body[after] === 0x20 || body[after] === 0x09) after++;
    if (!closing && after < body.length && body[after] !== 0x0d && body[after] !== 0x0a) {
      // "--boundaryX" is a different boundary that merely starts with ours.
      from = at + 1;
      continue;
    }
    if (body[after] === 0x0d && body[after + 1] === 0x0a) after += 2;
    else if (body[after] === 0x0a) after += 1;
    starts.push({ lineStart: at, contentEnd, after, closing });
    if (closing) break;
    from = after;
  }
  if (starts.length === 0) throw new MimeStructureError('its parts are missing: the boundary it declares never appears');
  const parts: Buffer[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    parts.push(body.subarray(starts[i]!.after, starts[i + 1]!.contentEnd));
  }
  // Mail is often cut short of its closing delimiter; the rest then is the last part.
  const last = starts[starts.length - 1]!;
  if (!last.closing && last.after < body.length) parts.push(body.subarray(last.after));
  return parts;
}
