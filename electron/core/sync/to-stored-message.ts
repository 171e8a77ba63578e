/**
 * Turns one FETCH response (envelope, flags, structure) into what the store keeps. A malformed
 * FETCH yields a message with safe defaults rather than an exception, so one broken message never
 * stops a folder from syncing.
 */
import type { FetchMessageObject, FetchQueryObject, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { MailAddress } from '../../../shared/domain';
import type { StoredMessage } from '../store/stored-message';

/** What a first sync asks for each message: everything the list and search need, no body. */
export const ENVELOPE_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  internalDate: true,
  size: true,
  bodyStructure: true,
  headers: ['references'],
};

export function toStoredMessage(message: FetchMessageObject): StoredMessage {
  const envelope = message.envelope;
  const structure = message.bodyStructure;
  const security = structure ? securityOf(structure) : { encrypted: false, signed: false };
  return {
    uid: message.uid,
    messageId: envelope?.messageId ?? null,
    subject: typeof envelope?.subject === 'string' ? envelope.subject : '',
    from: firstAddress(envelope?.from),
    to: addresses(envelope?.to, addresses(envelope?.cc, [])),
    date: pickDate(envelope?.date ? new Date(envelope.date) : undefined, message.internalDate),
    seen: message.flags?.has('\\Seen') ?? false,
    flagged: message.flags?.has('\\Flagged') ?? false,
    answered: message.flags?.has('\\Answered') ?? false,
    size: Number.isFinite(message.size) ? (message.size ?? 0) : 0,
    hasAttachments: structure ? hasAttachment(structure) : false,
    structure: structure ? JSON.stringify(structure) : null,
    encrypted: security.encrypted,
    signed: security.signed,
    modseq: message.modseq !== undefined ? message.modseq.toString() : null,
    inReplyTo: envelope?.inReplyTo?.match(/<[^>]+>/)?.[0] ?? null,
    // Most messages have no References header: the answer is then a bare CRLF, not worth decoding.
    references: message.headers && message.headers.length > 2 ? (message.headers.toString('latin1').match(/<[^>\s]+>/g) ?? []) : [],
  };
}

/** `list`'s entries that have an address, put before `after` (a loop: this runs for every message of a first sync). */
function addresses(list: MessageAddressObject[] | undefined, after: MailAddress[]): MailAddress[] {
  if (!list || list.length === 0) return after;
  const found: MailAddress[] = [];
  for (const entry of list) if (entry.address) found.push({ name: entry.name ?? '', address: entry.address });
  return after.length > 0 ? found.concat(after) : found;
}

function firstAddress(list: MessageAddressObject[] | undefined): MailAddress | null {
  for (const entry of list ?? []) if (entry.address) return { name: entry.name ?? '', address: entry.address };
  return null;
}

/** The Date header, unless missing or absurd (spam loves the year 2098), then the arrival time. */
export function pickDate(header: Date | undefined, arrival: Date | string | undefined): string {
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

/** S/MIME (RFC 8551) and PGP/MIME (RFC 3156) markers at the root of the message. */
function securityOf(root: MessageStructureObject): { encrypted: boolean; signed: boolean } {
  const type = (root.type ?? '').toLowerCase();
  const smimeType = (root.parameters?.['smime-type'] ?? '').toLowerCase();
  const pkcs7 = type === 'application/pkcs7-mime' || type === 'application/x-pkcs7-mime';
  return {
    encrypted: type === 'multipart/encrypted' || (pkcs7 && smimeType !== 'signed-data'),
    signed: type === 'multipart/signed' || (pkcs7 && smimeType === 'signed-data'),
  };
}
