/**
 * Builds the RFC 5322 bytes of an outgoing message once, so the sent and the saved copy are
 * identical. With Sign or Encrypt, the MIME body, with copies of the header fields inside (RFC 9788),
 * is handed to the S/MIME protector (signed first, then encrypted to every recipient and the sender)
 * and the outer header goes around the result: for encrypted mail, with its Subject obscured.
 */
import type { MailAddress } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { OutgoingMessage } from '../../../shared/inputs';
import { protectMessage } from '../smime/mime/header-protection';

export interface ComposedMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

/**
 * The attachments and threading headers (RFC 5322 §3.6.4) as MailComposer takes them, for a message
 * being sent and for a draft alike; headers the message has no value for are left out.
 */
export function attachmentsAndThreading(message: Pick<OutgoingMessage, 'attachments' | 'inReplyTo' | 'references'>) {
  return {
    attachments: message.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: Buffer.from(file.base64, 'base64') })),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references.length > 0 ? { references: message.references } : {}),
  };
}

/** Signs and/or encrypts a MIME entity (SmimeService.protect); throws, never returns it unprotected. */
export type EntityProtector = (entity: Buffer, options: { from: string; recipients: string[]; sign: boolean; encrypt: boolean }) => Promise<Buffer>;

export async function composeMessage(from: MailAddress, message: OutgoingMessage, domainForIds: string, protector: EntityProtector | null = null): Promise<ComposedMessage> {
  const protect = message.sign || message.encrypt;
  // Sign and Encrypt are intents: without a protector the message is refused, never sent in plaintext instead.
  if (protect && !protector) throw new SealmailError('SMIME_UNAVAILABLE');
  // nodemailer's composer, loaded on first use, not at start (see create-core.ts).
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const node = new MailComposer({
    from: { name: from.name, address: from.address },
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    ...attachmentsAndThreading(message),
    // Message-IDs name the sender's domain, never this machine's host name.
    messageId: `<${crypto.randomUUID()}@${domainForIds}>`,
    date: new Date(),
    // Quoted-printable keeps a signed body 7-bit safe (trailing spaces included) through any relay.
    ...(protect ? { textEncoding: 'quoted-printable' as const } : {}),
  }).compile();
  node.keepBcc = false;
  const built = await node.build();
  const recipients = [...new Set([...message.to, ...message.cc, ...message.bcc])];
  const raw = protect && protector ? await protectMessage(built, message.encrypt, (entity) => protector(entity, { from: from.address, recipients, sign: message.sign, encrypt: message.encrypt })) : built;
  return {
    raw,
    messageId: node.messageId(),
    // Bcc recipients are in the envelope only; keepBcc = false keeps them out of the header.
    envelope: { from: from.address, to: recipients },
  };
}

