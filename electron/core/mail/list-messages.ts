/**
 * A page of a folder's messages, newest first. Envelopes are streamed with one FETCH of the page's
 * sequence range (never fetchAll), so the cost follows the page, not the folder.
 */
import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { MailAddress, MessagePage, MessageSummary } from '../../../shared/domain';

export async function listMessages(client: ImapFlow, offset: number, limit: number): Promise<MessagePage> {
  const mailbox = client.mailbox;
  const total = mailbox ? mailbox.exists : 0;
  // Sequence numbers follow arrival order, so the newest are at the top of the range.
  const newest = total - offset;
  const oldest = Math.max(1, newest - limit + 1);
  if (newest < 1) return { messages: [], total, offset };

  const fetched: { seq: number; summary: MessageSummary }[] = [];
  const query = { uid: true, flags: true, envelope: true, internalDate: true, size: true, bodyStructure: true };
  for await (const message of client.fetch(`${oldest}:${newest}`, query)) {
    fetched.push({ seq: message.seq, summary: toSummary(message) });
  }
  fetched.sort((a, b) => b.seq - a.seq);
  return { messages: fetched.map((entry) => entry.summary), total, offset };
}

function toSummary(message: FetchMessageObject): MessageSummary {
  const envelope = message.envelope;
  return {
    uid: message.uid,
    subject: envelope?.subject ?? '',
    from: firstAddress(envelope?.from),
    to: (envelope?.to ?? []).flatMap(toAddress),
    date: pickDate(envelope?.date ? new Date(envelope.date) : undefined, message.internalDate),
    seen: message.flags?.has('\\Seen') ?? false,
    flagged: message.flags?.has('\\Flagged') ?? false,
    hasAttachments: message.bodyStructure ? hasAttachment(message.bodyStructure) : false,
    size: message.size ?? 0,
  };
}

function toAddress(entry: MessageAddressObject): MailAddress[] {
  return entry.address ? [{ name: entry.name ?? '', address: entry.address }] : [];
}

function firstAddress(list: MessageAddressObject[] | undefined): MailAddress | null {
  return (list ?? []).flatMap(toAddress)[0] ?? null;
}

/** The Date header, unless missing or absurd (spam loves the year 2098), then the arrival time. */
function pickDate(header: Date | undefined, arrival: Date | string | undefined): string {
  const arrived = arrival ? new Date(arrival) : null;
  const validArrival = arrived && !Number.isNaN(arrived.getTime()) ? arrived : null;
  if (header && !Number.isNaN(header.getTime())) {
    const tooFarAhead = validArrival && header.getTime() - validArrival.getTime() > 2 * 86_400_000;
    if (!tooFarAhead) return header.toISOString();
  }
  return (validArrival ?? new Date(0)).toISOString();
}

function hasAttachment(part: MessageStructureObject): boolean {
  if (part.disposition?.toLowerCase() === 'attachment') return true;
  return (part.childNodes ?? []).some(hasAttachment);
}
