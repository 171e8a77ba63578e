/**
 * Builds the RFC 5322 bytes of a draft for the Drafts folder. The draft keeps everything the
 * composer holds (Bcc, threading, attachments, the Sign and Encrypt choices). With Encrypt on, all
 * of it goes inside an enveloped part encrypted to the sender's own certificate only (also with
 * Encrypt off when it quotes encrypted mail: see DraftService), and only
 * From, To, Cc, Date, Message-ID and a placeholder Subject ("[...]", as on sent mail) stay outside;
 * the real subject and Bcc stay inside. A draft is never signed: it is not yet a statement.
 */
import type { MailAddress } from '../../../shared/domain';
import type { DraftToSave } from '../../../shared/draft-inputs';
import { SealmailError } from '../../../shared/errors';
import { attachmentsAndThreading } from '../mail/compose-message';
import { OBSCURED_SUBJECT, withHpParameter } from '../smime/mime/header-protection';
import { DRAFT_OPTIONS_HEADER, formatDraftOptions } from './draft-options';

/** Encrypts a MIME entity to the sender's own certificate only; throws rather than return it in clear. */
export type SelfEncryptor = (entity: Buffer) => Promise<Buffer>;

/** Fields that an encrypted draft shows outside its encryption. */
const OUTSIDE = new Set(['from', 'to', 'cc', 'subject', 'date', 'message-id', 'mime-version']);

export interface BuiltDraft {
  raw: Buffer;
  messageId: string;
}

/** `encryptToSelf`: how the stored draft is encrypted; null stores it as it is. */
export async function buildDraft(from: MailAddress, draft: DraftToSave, domainForIds: string, now: Date, encryptToSelf: SelfEncryptor | null): Promise<BuiltDraft> {
  // Never in clear what should not be: a safety net under DraftService's own check.
  if ((draft.encrypt || draft.originalEncrypted) && !encryptToSelf) throw new SealmailError('SMIME_UNAVAILABLE', 'This build cannot encrypt, so the draft was not saved. It is still in the composer.');
  // nodemailer's composer, loaded on first use, not at start (see create-core.ts).
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const node = new MailComposer({
    from: { name: from.name, address: from.address },
    to: draft.to,
    cc: draft.cc,
    bcc: draft.bcc,
    subject: draft.subject,
    // One line end more than typed: parsers add one to text without it, so reading back strips exactly one.
    text: `${draft.text}\n`,
    ...attachmentsAndThreading(draft),
    headers: { [DRAFT_OPTIONS_HEADER]: formatDraftOptions(draft) },
    messageId: `<${crypto.randomUUID()}@${domainForIds}>`,
    date: now,
    textEncoding: 'quoted-printable',
  }).compile();
  // A draft keeps its Bcc: it is the user's own copy, never delivered as it is.
  node.keepBcc = true;
  const built = await node.build();
  const messageId = node.messageId();
  if (!encryptToSelf) return { raw: built, messageId };

  const text = built.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new SealmailError('INTERNAL', 'The draft could not be prepared for encryption.');
  const fields = text.slice(0, end).split(/\r\n(?![ \t])/);
  // As on sent mail (RFC 9788), the server sees a placeholder subject; the real one is inside.
  const outside = fields
    .filter((field) => OUTSIDE.has(field.slice(0, field.indexOf(':')).trim().toLowerCase()))
    .map((field) => (/^subject\s*:/i.test(field) ? `Subject: ${OBSCURED_SUBJECT}` : field));
  // The whole built draft, header included, is what gets encrypted: reopening reads it all back from
  // inside. Marked hp="cipher", it is a header-protected payload any RFC 9788 reader understands.
  const payload = Buffer.from(`${fields.map((field) => withHpParameter(field, true)).join('\r\n')}${text.slice(end)}`, 'latin1');
  const encrypted = await encryptToSelf(payload);
  return { raw: Buffer.concat([Buffer.from(`${outside.join('\r\n')}\r\n`, 'latin1'), encrypted]), messageId };
}
