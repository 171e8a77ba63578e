/**
 * Finds the header fields a signed or encrypted message protects (RFC 9788), in the MIME entity
 * inside its cryptographic layers (the Cryptographic Payload). Three forms are read:
 * - RFC 9788: the payload's root carries the fields itself and `hp="clear"` (signed only) or
 *   `hp="cipher"` (encrypted) on its Content-Type, with HP-Outer fields saying what was put outside;
 * - the older "memory hole" drafts: the same, marked `protected-headers="v1"`;
 * - a wrapped message (RFC 8551 §3.1): the payload is a whole message/rfc822, its header the
 *   protected one, marked `forwarded=no` (or, by older senders, not marked at all).
 * What is not one of these has no protected header: its outer header is all there is.
 */
import { headerValues, parseContentType, parseHeaderFields, splitHeaderAndBody, type HeaderField } from './raw-entity';

export type ProtectionForm = 'rfc9788' | 'memory-hole' | 'wrapped';

export interface ProtectedHeaderBlock {
  form: ProtectionForm;
  /** hp="cipher": the sender encrypted these fields and obscured or left out their outer copies. */
  confidential: boolean;
  /** The protected header block: the payload root's own header, or the wrapped message's. */
  headerBytes: Buffer;
  fields: HeaderField[];
  /** The entity whose body is shown: the payload itself, or the wrapped message. */
  content: Buffer;
  /** RFC 9788 HP-Outer: each outer field the sender put outside, as name and value. */
  hpOuter: { name: string; value: string }[];
}

/** The protected header of a cryptographic payload, or null when it carries none. */
export function findProtectedHeader(payload: Buffer): ProtectedHeaderBlock | null {
  const { headerBytes, body } = splitHeaderAndBody(payload);
  const fields = parseHeaderFields(headerBytes);
  const { mediaType, params } = parseContentType(headerValues(fields, 'content-type')[0]);
  const hp = params.hp?.toLowerCase();
  if (hp === 'clear' || hp === 'cipher') {
    return { form: 'rfc9788', confidential: hp === 'cipher', headerBytes, fields, content: payload, hpOuter: hpOuterOf(fields) };
  }
  if (params['protected-headers']?.toLowerCase() === 'v1') {
    return { form: 'memory-hole', confidential: false, headerBytes, fields, content: payload, hpOuter: [] };
  }
  if (mediaType === 'message/rfc822' && (params.forwarded ?? 'no').toLowerCase() === 'no') {
    const wrapped = splitHeaderAndBody(body);
    const wrappedFields = parseHeaderFields(wrapped.headerBytes);
    // An empty or header-less body is no message: nothing is protected then.
    if (!wrappedFields.some((field) => /^(from|subject|date)$/i.test(field.name))) return null;
    return { form: 'wrapped', confidential: false, headerBytes: wrapped.headerBytes, fields: wrappedFields, content: body, hpOuter: [] };
  }
  return null;
}

/** `HP-Outer: Subject: [...]` as { name: 'Subject', value: '[...]' }; malformed ones are skipped. */
function hpOuterOf(fields: HeaderField[]): { name: string; value: string }[] {
  return headerValues(fields, 'hp-outer').flatMap((raw) => {
    const match = /^\s*([!-9;-~]+)\s*:\s?([\s\S]*)$/.exec(raw.replace(/\r\n(?=[ \t])/g, ''));
    return match ? [{ name: match[1]!, value: match[2]!.trim() }] : [];
  });
}
