/**
 * Header protection for what Sealmail sends (RFC 9788): the message's header fields are copied into
 * the MIME entity that gets signed (and encrypted), whose Content-Type says `hp="clear"` (signed
 * only) or `hp="cipher"` (encrypted). An encrypted message's outer Subject becomes the placeholder
 * "[...]" (the RFC's baseline confidentiality policy), and HP-Outer fields inside record every
 * field left outside, so the recipient can tell what the sender put there from what changed on the
 * way. A signed-only message keeps its outer header as it is: there is nothing to hide.
 */

import { SealmailError } from '../../../../shared/errors';

/** The outer Subject of an encrypted message (RFC 9788, hcp_baseline). */
export const OBSCURED_SUBJECT = '[...]';

export interface SplitMessage {
  /** The message header fields, each with its continuation lines, as built. */
  headerFields: string[];
  /** The Content-* fields of the root entity. */
  contentFields: string[];
  body: string;
}

/** The entity to protect and the outer header to put around the protected result. */
export function protectHeaders(message: SplitMessage, encrypted: boolean): { entity: Buffer; outerHeader: Buffer } {
  // Structural fields stay outside only; everything a person reads is protected.
  const protectedFields = message.headerFields.filter((field) => !/^mime-version\s*:/i.test(field));
  const outerFields = message.headerFields.map((field) => (encrypted && /^subject\s*:/i.test(field) ? `Subject: ${OBSCURED_SUBJECT}` : field));
  const hpOuter = encrypted ? outerFields.filter((field) => !/^mime-version\s*:/i.test(field)).map((field) => `HP-Outer: ${field}`) : [];
  const contentFields = message.contentFields.map((field) => withHpParameter(field, encrypted));
  const entity = Buffer.from(`${[...contentFields, ...protectedFields, ...hpOuter].join('\r\n')}\r\n\r\n${message.body}`, 'latin1');
  return { entity, outerHeader: Buffer.from(`${outerFields.join('\r\n')}\r\n`, 'latin1') };
}

/** A Content-Type field marked as the root of a header-protected payload; other fields unchanged. */
export function withHpParameter(field: string, encrypted: boolean): string {
  return /^content-type\s*:/i.test(field) ? `${field};\r\n hp="${encrypted ? 'cipher' : 'clear'}"` : field;
}

/**
 * Splits a complete built message into its header and its MIME entity (the Content-* fields and the
 * body), protects the entity with copies of the header inside, and puts the outer header in front
 * of the result. `protect` signs and/or encrypts; it is told nothing else.
 */
export async function protectMessage(built: Buffer, encrypted: boolean, protect: (entity: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const text = built.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new SealmailError('INTERNAL', 'The message could not be prepared for signing.');
  // Header fields with their continuation lines, as built.
  const fields = text.slice(0, end).split(/\r\n(?![ \t])/);
  const isContent = (field: string) => /^content-/i.test(field);
  const { entity, outerHeader } = protectHeaders({ headerFields: fields.filter((field) => !isContent(field)), contentFields: fields.filter(isContent), body: text.slice(end + 4) }, encrypted);
  return Buffer.concat([outerHeader, await protect(entity)]);
}
