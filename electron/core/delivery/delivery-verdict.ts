/** The one-line answer for a message's transport, and the counts shown beside it. */
import type { DeliveryHop, DeliveryReport } from '../../../shared/delivery-types';

/**
 * `hops-without-tls` when any readable hop between organisations says it ran in clear; otherwise
 * `unknown` when there are no hops, or one is unreadable or does not say; otherwise
 * `tls-every-hop`. Internal hops never count: they did not cross the Internet.
 */
export function deliveryReport(hops: DeliveryHop[]): DeliveryReport {
  let withoutTls = 0;
  let unknown = 0;
  let claimed = 0;
  for (const hop of hops) {
    if (!hop.trusted) claimed++;
    if (hop.unreadable !== null) unknown++;
    else if (!hop.internal && hop.tls === 'none') withoutTls++;
    else if (!hop.internal && hop.tls === 'unknown') unknown++;
  }
  const verdict = withoutTls > 0 ? 'hops-without-tls' : hops.length === 0 || unknown > 0 ? 'unknown' : 'tls-every-hop';
  return { hops, verdict, withoutTls, unknown, claimed };
}
