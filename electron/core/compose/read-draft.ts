/**
 * Reads a stored draft back into what the composer holds. An encrypted draft is read only from
 * what decrypts (the part encrypted to the sender), never from parts outside the encryption; the
 * few fields shown outside are used only when the inside lacks them (a draft another client made).
 */
import type { ParsedMail } from 'mailparser';
import type { FileContent, OpenedDraft } from '../../../shared/compose-types';
import { SealmailError } from '../../../shared/errors';
import { MAX_ATTACHMENT_TOTAL_BYTES } from '../../../shared/inputs';
import type { SecureReader } from '../mail/secure-view';
import { KEYSTORE_LOCKED_TO_READ } from '../smime/smime-service';
import { DRAFT_OPTIONS_HEADER, parseDraftOptions } from './draft-options';
import { addressesOf, messageIds, parseRaw } from './parse-raw';
import { visibleText } from './visible-text';

export type DraftContent = Omit<OpenedDraft, 'ref'>;

/** Reads `raw` (as stored); `reader` decrypts, or null where this core has no S/MIME. */
export async function readDraft(raw: Buffer, reader: SecureReader | null): Promise<DraftContent> {
  let content = raw;
  let encrypted = false;
  if (reader) {
    const secure = await reader.read(raw);
    const { encryption } = secure.verdict;
    if (encryption.status !== 'none' && encryption.status !== 'decrypted') {
      const reason = encryption.reason ?? 'it is not encrypted to any of your certificates.';
      throw new SealmailError(reason === KEYSTORE_LOCKED_TO_READ ? 'KEYSTORE_LOCKED' : 'SMIME_UNAVAILABLE', `This draft is encrypted and could not be opened: ${reason}`);
    }
    if (!secure.displayed) throw new SealmailError('PROTOCOL_ERROR', 'This draft could not be read.');
    encrypted = encryption.status === 'decrypted';
    if (secure.displayed.depth > 0) content = secure.displayed.raw;
  } else if (/^content-type:\s*application\/(x-)?pkcs7-mime/im.test(raw.subarray(0, 64 * 1024).toString('latin1').split(/\r?\n\r?\n/)[0] ?? '')) {
    throw new SealmailError('SMIME_UNAVAILABLE', 'This draft is encrypted, and this build of Sealmail cannot decrypt it.');
  }

  const inner = await parseRaw(content);
  const outer = content === raw ? inner : await parseRaw(raw);
  // Inside first; the outside only fills what the inside does not carry.
  const pick = <K extends 'to' | 'cc' | 'bcc'>(key: K) => addressesOf(inner.headers.has(key) ? inner[key] : outer[key]).map((a) => a.address);
  const options = parseDraftOptions(headerText(inner, DRAFT_OPTIONS_HEADER));
  const { attachments, left } = withinCap(inner);
  return {
    to: pick('to'),
    cc: pick('cc'),
    bcc: pick('bcc'),
    subject: (inner.headers.has('subject') ? inner.subject : outer.subject) ?? '',
    text: inner.text !== undefined ? inner.text.replace(/\r\n/g, '\n').replace(/\n$/, '') : inner.html ? visibleText(inner.html) : '',
    attachments,
    inReplyTo: messageIds(inner.inReplyTo)[0] ?? null,
    references: messageIds(inner.references),
    sign: options.sign,
    // The header says what the toggle was (a draft quoting encrypted mail is stored encrypted even
    // with Encrypt off); without one, a draft stored encrypted was surely meant to be sent so.
    encrypt: options.present ? options.encrypt : encrypted || options.encrypt,
    originalEncrypted: options.originalEncrypted,
    askedForCertificates: options.askedForCertificates,
    notice: left > 0 ? `${left === 1 ? '1 attachment was' : `${left} attachments were`} left out: too large to send.` : null,
  };
}

function headerText(parsed: ParsedMail, name: string): string | null {
  const value = parsed.headers.get(name.toLowerCase());
  return typeof value === 'string' ? value : null;
}

function withinCap(parsed: ParsedMail): { attachments: FileContent[]; left: number } {
  let budget = MAX_ATTACHMENT_TOTAL_BYTES;
  let left = 0;
  const attachments: FileContent[] = [];
  for (const part of parsed.attachments) {
    if (part.size > budget) {
      left++;
      continue;
    }
    budget -= part.size;
    attachments.push({ filename: part.filename ?? 'attachment', contentType: part.contentType, size: part.size, base64: part.content.toString('base64') });
  }
  return { attachments, left };
}
