/**
 * How a received message travelled, read from its Received header chain alone: the TLS of each hop,
 * which hops stayed inside one organisation, and which ones the user's own provider wrote (the
 * rest are the sender's claims). Never throws, and takes time linear in the header's size.
 */
import type { DeliveryHop, DeliveryReport } from '../../../shared/delivery-types';
import { deliveryReport } from './delivery-verdict';
import { markTimesOutOfOrder } from './hop-times';
import { markInternal } from './internal-hops';
import { parseReceived, TOO_LONG, unreadableReceived, type ParsedReceived } from './parse-received';
import { markTrusted, ProviderScope, type ProviderHosts } from './provider-trust';
import { headerBlock, receivedFields } from './received-fields';

export type { ProviderHosts } from './provider-trust';

/**
 * No real path has this many hops (RFC 5321 §6.3 suggests rejecting mail past 100 Received
 * fields as a loop). The newest 100 are read, since those are where the provider's own are; the
 * older ones become one unreadable claim at the start of the path.
 */
export const MAX_HOPS = 100;

/**
 * The delivery report of a raw message (`Buffer` or string, CRLF or LF). `provider` lists the
 * account's IMAP and SMTP hosts and the domain of the user's address.
 */
export function readDeliveryReport(message: Buffer | string, provider: ProviderHosts): DeliveryReport {
  const { fields, total } = receivedFields(headerBlock(message), MAX_HOPS);
  const read = fields.map((field) => (field.tooLong ? unreadableReceived(TOO_LONG) : parseReceived(field.value)));
  // Travel order: the bottom field was written first.
  const parsed = markTimesOutOfOrder(read.reverse());
  const internal = markInternal(parsed);
  const trusted = markTrusted(parsed, new ProviderScope(provider));
  const hops = parsed.map((hop, i) => deliveryHop(hop, internal[i]!, trusted[i]!));
  const dropped = total - fields.length;
  if (dropped > 0) {
    const reason = `${dropped} older Received ${dropped === 1 ? 'field was' : 'fields were'} not read: Sealmail reads the newest ${MAX_HOPS}.`;
    hops.unshift(deliveryHop(unreadableReceived(reason), false, false));
  }
  return deliveryReport(hops);
}

function deliveryHop(hop: ParsedReceived, internal: boolean, trusted: boolean): DeliveryHop {
  const { from, fromIp, by, protocol, tls, tlsVersion, cipher, time, unreadable } = hop;
  return { from, fromIp, by, protocol, tls, tlsVersion, cipher, time, internal: unreadable === null && internal, trusted, unreadable };
}
