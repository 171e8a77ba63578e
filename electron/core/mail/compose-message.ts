/** Builds the RFC 5322 bytes of an outgoing message once, so the sent and the saved copy are identical. */
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailAddress } from '../../../shared/domain';
import type { OutgoingMessage } from '../../../shared/inputs';

export interface ComposedMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

export async function composeMessage(from: MailAddress, message: OutgoingMessage, domainForIds: string): Promise<ComposedMessage> {
  const node = new MailComposer({
    from: { name: from.name, address: from.address },
    to: message.to,
    cc: message.cc,
    subject: message.subject,
    text: message.text,
    // Message-IDs name the sender's domain, never this machine's host name.
    messageId: `<${crypto.randomUUID()}@${domainForIds}>`,
    date: new Date(),
  }).compile();
  node.keepBcc = false;
  const raw = await node.build();
  return {
    raw,
    messageId: node.messageId(),
    envelope: { from: from.address, to: [...message.to, ...message.cc] },
  };
}
