/** Builds the RFC 5322 bytes of an outgoing message once, so the sent and the saved copy are identical. */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailAddress } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { OutgoingMessage } from '../../../shared/inputs';

export interface ComposedMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

export async function composeMessage(from: MailAddress, message: OutgoingMessage, domainForIds: string): Promise<ComposedMessage> {
  // Sign and Encrypt are intents: until S/MIME is wired in here, a message asked to carry them is
  // refused, never sent in plaintext instead.
  if (message.sign || message.encrypt) throw new SealmailError('SMIME_UNAVAILABLE');
  const node = new MailComposer({
    from: { name: from.name, address: from.address },
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    attachments: message.attachments.map((file) => ({ filename: file.filename, contentType: file.contentType, content: Buffer.from(file.base64, 'base64') })),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references.length > 0 ? { references: message.references } : {}),
    // Message-IDs name the sender's domain, never this machine's host name.
    messageId: `<${crypto.randomUUID()}@${domainForIds}>`,
    date: new Date(),
  }).compile();
  node.keepBcc = false;
  const raw = await node.build();
  return {
    raw,
    messageId: node.messageId(),
    // Bcc recipients are in the envelope only; keepBcc = false keeps them out of the header.
    envelope: { from: from.address, to: [...new Set([...message.to, ...message.cc, ...message.bcc])] },
  };
}
