/**
 * Which hops stayed inside one organisation or one machine, so that their TLS does not count: a
 * message handed from a server to its own filter over loopback, or between two hosts of one
 * provider, never crossed the Internet. When the fields do not show it, a hop is not internal.
 */
import { isPrivateIp, registrableDomain } from './host-names';
import type { ParsedReceived } from './parse-received';

/** LMTP (RFC 2033) delivers to a local store; Exim's `local` protocols are programs on the machine. */
const isLocalProtocol = (protocol: string | null) => protocol !== null && (/^(UTF8)?LMTP/.test(protocol) || protocol.startsWith('LOCAL'));

const readable = (hop: ParsedReceived | undefined): hop is ParsedReceived => hop !== undefined && hop.unreadable === null;

/** The registrable domains the receiving server checked for the sender of `hop`. */
function senderDomains(hop: ParsedReceived): string[] {
  return hop.senderNames.flatMap((name) => registrableDomain(name) ?? []);
}

/**
 * The organisation that ran the `by` host of hops[i] (travel order): its registrable domain, or,
 * for a hop with no `from` whose `by` is a bare address (Gmail's `by 2002:a05:...`), the domain of
 * the neighbour it is tied to: the server that handed the message on to it (the older hop's `by`),
 * or the one it handed the message to, as that server names its sender (the newer hop's `from`).
 */
export function byOrganisation(hops: readonly ParsedReceived[], i: number): string | null {
  const hop = hops[i]!;
  if (hop.byHost?.kind === 'name') return registrableDomain(hop.byHost.name);
  if (hop.byHost?.kind !== 'ip' || hop.from !== null) return null;
  const older = hops[i - 1];
  if (readable(older) && older.byHost?.kind === 'name') {
    const domain = registrableDomain(older.byHost.name);
    if (domain) return domain;
  }
  const newer = hops[i + 1];
  return readable(newer) ? senderDomains(newer)[0] ?? null : null;
}

/**
 * One flag per hop, travel order. Internal when the sender's address is loopback, private or
 * link-local; or the sender's checked name and the `by` host share a registrable domain (unless the
 * hop came from a public address without TLS); or there
 * is no `from` (nothing came over a network) and the hop is LMTP/local, Postfix's pickup, or its
 * `by` belongs to the same organisation as a neighbouring hop's touching end.
 */
export function markInternal(hops: readonly ParsedReceived[]): boolean[] {
  return hops.map((hop, i) => {
    if (!readable(hop)) return false;
    if (hop.fromIp !== null && isPrivateIp(hop.fromIp)) return true;
    const organisation = byOrganisation(hops, i);
    if (hop.from !== null) {
      // Names alone never make a plaintext hop from a public address internal: it crossed the open
      // network in clear, which is exactly what the user must see, whoever runs both ends.
      const crossedInClear = hop.fromIp !== null && hop.tls === 'none';
      if (!crossedInClear && organisation !== null && senderDomains(hop).includes(organisation)) return true;
      // Exim's `from root by host with local`: a user on the machine, no address involved.
      return hop.fromIp === null && hop.protocol !== null && hop.protocol.startsWith('LOCAL');
    }
    if (isLocalProtocol(hop.protocol) || hop.localPickup) return true;
    if (organisation === null) return false;
    if (hop.byHost?.kind === 'ip') return true;
    const older = hops[i - 1];
    const newer = hops[i + 1];
    const olderBy = readable(older) && older.byHost?.kind === 'name' ? registrableDomain(older.byHost.name) : null;
    return olderBy === organisation || (readable(newer) && senderDomains(newer).includes(organisation));
  });
}
