/**
 * The header a signed or encrypted message shows when it protects its header fields (RFC 9788):
 * Subject, From, To, Cc, Date and Message-ID come from inside the signature or encryption, never
 * from the outer header a server could rewrite or read. Where the outer header differs, it is
 * listed; an outer From naming someone else is a warning, and a difference the sender made on
 * purpose (an obscured subject, recorded in HP-Outer) is marked as such.
 */
import type { MailAddress } from '../../../shared/domain';
import type { HeaderProtection, OuterDifference, ProtectedField } from '../../../shared/header-protection-types';
import type { MessageLocation } from '../mime/parse-message';
import { findProtectedHeader } from '../smime/mime/protected-headers';
import { headerValues, readEntity } from '../smime/mime/raw-entity';
import { readOuterHeader, type OuterHeader } from './outer-header';

export interface ProtectedHeaderView {
  header: OuterHeader;
  /** The entity whose body is shown (the wrapped message itself, for that form). */
  content: Buffer;
  protection: HeaderProtection;
}

/**
 * The protected header of `payload` (the signed or decrypted part) against `outer`, or null.
 * `decrypted` says whether the payload really was encrypted: hp="cipher" states the sender's
 * intent, never a fact (RFC 9788 §10.2), so only real encryption makes the fields confidential.
 */
export async function protectedHeaderView(outer: OuterHeader, payload: Buffer, where: MessageLocation, decrypted: boolean): Promise<ProtectedHeaderView | null> {
  const block = findProtectedHeader(payload);
  if (!block) return null;
  const inner = await readOuterHeader(block.content, where);
  const present = (name: string) => headerValues(block.fields, name).length > 0;
  // A field the protected header lacks is the outer one (a sender protecting only some of them).
  const header: OuterHeader = {
    ...outer,
    subject: present('subject') ? inner.subject : outer.subject,
    from: present('from') ? inner.from : outer.from,
    to: present('to') ? inner.to : outer.to,
    cc: present('cc') ? inner.cc : outer.cc,
    date: present('date') ? inner.date : outer.date,
    messageId: present('message-id') ? inner.messageId : outer.messageId,
  };
  const declared = block.hpOuter.length > 0 ? await readOuterHeader(hpOuterBlock(block.hpOuter), where) : null;
  const declaredNames = new Set(block.hpOuter.map((field) => field.name.toLowerCase()));
  const outerDifferences: OuterDifference[] = [];
  for (const field of FIELDS) {
    const outside = shownText(field, outer);
    const shown = shownText(field, header);
    if (outside === shown) continue;
    const byDesign = declared !== null && declaredNames.has(field.toLowerCase()) && shownText(field, declared) === outside;
    outerDifferences.push({ field, outer: outside, shown, byDesign });
  }
  const fromDiffers = outerDifferences.find((difference) => difference.field === 'From' && !difference.byDesign);
  const outerFrom = fromDiffers && outer.from && header.from && !sameAddress(outer.from, header.from) ? outer.from : null;
  return { header, content: block.content, protection: { form: block.form, confidential: block.confidential && decrypted, outerDifferences, outerFrom } };
}

const FIELDS: ProtectedField[] = ['Subject', 'From', 'To', 'Cc', 'Date'];

function shownText(field: ProtectedField, header: OuterHeader): string {
  switch (field) {
    case 'Subject':
      return header.subject;
    case 'From':
      return header.from ? mailbox(header.from) : '';
    case 'To':
      return header.to.map(mailbox).join(', ');
    case 'Cc':
      return header.cc.map(mailbox).join(', ');
    case 'Date':
      return header.date;
  }
}

function mailbox(address: MailAddress): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function sameAddress(a: MailAddress, b: MailAddress): boolean {
  return a.address.toLowerCase() === b.address.toLowerCase();
}

/** The outer fields HP-Outer records, as a header block to read like any other. */
function hpOuterBlock(fields: { name: string; value: string }[]): Buffer {
  return Buffer.from(`${fields.map((field) => `${field.name}: ${field.value}`).join('\r\n')}\r\n\r\n`, 'latin1');
}

/**
 * The text without a Legacy Display Element (RFC 9788 §4.5.3): a sender may repeat the obscured
 * fields at the top of a text/plain part marked hp-legacy-display="1", for readers without header
 * protection. Shown above the protected header they would say everything twice, so the leading
 * "Field: value" lines and the blank line after them go.
 */
export function withoutLegacyDisplay(text: string, payload: Buffer): string {
  if (!hasLegacyDisplayPart(payload)) return text;
  const match = /^(?:[!-9;-~]+:[^\n]*\n)+\n/.exec(text.replace(/\r\n/g, '\n'));
  return match ? text.replace(/\r\n/g, '\n').slice(match[0].length) : text;
}

function hasLegacyDisplayPart(payload: Buffer): boolean {
  let root;
  try {
    root = readEntity(payload);
  } catch {
    return false;
  }
  const parts = [root, ...root.parts, ...root.parts.flatMap((part) => part.parts)];
  return parts.some((part) => part.mediaType === 'text/plain' && part.params['hp-legacy-display'] === '1');
}
