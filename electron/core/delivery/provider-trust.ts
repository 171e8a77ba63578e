/**
 * Which Received fields the user's own provider wrote. Each server adds its field on top of what it
 * received, so the topmost one is the provider's, and going down, a field is the provider's only
 * while the field above it says the message came from inside the provider. Below the first field
 * that names an outside sender, anything can be written by anyone: those hops are claims.
 */
import { byOrganisation } from './internal-hops';
import { isLoopbackIp, isLoopbackName, isPrivateIp, normaliseName, readIp, registrableDomain } from './host-names';
import type { ParsedReceived } from './parse-received';

/** The account's own servers: its IMAP and SMTP host and the domain of the user's address. */
export interface ProviderHosts {
  hosts: string[];
}

/**
 * Big providers run their mail on other domains than their users' addresses. A provider whose
 * hosts fall in one family counts every domain of that family as its own. Registrable domains:
 * `mx.google.com`, `*.protection.outlook.com` and `*.prod.outlook.com` are under google.com and
 * outlook.com already.
 */
export const PROVIDER_FAMILIES: readonly (readonly string[])[] = [
  ['gmail.com', 'googlemail.com', 'google.com'],
  ['outlook.com', 'hotmail.com', 'live.com', 'office365.com', 'exchangelabs.com'],
  ['yahoo.com', 'yahoodns.net'],
  ['fastmail.com', 'messagingengine.com'],
];

export class ProviderScope {
  private readonly domains = new Set<string>();
  private readonly ips = new Set<string>();
  /** The test servers run on 127.0.0.1: then a loopback `by` is the provider too. */
  private readonly onLoopback: boolean;

  constructor(provider: ProviderHosts) {
    let onLoopback = false;
    for (const host of provider.hosts) {
      const ip = readIp(host.trim().replace(/^\[(.*)\]$/, '$1'));
      if (ip) {
        this.ips.add(ip);
        onLoopback ||= isLoopbackIp(ip);
        continue;
      }
      const name = normaliseName(host.trim());
      onLoopback ||= isLoopbackName(name);
      const domain = registrableDomain(name);
      if (domain) this.domains.add(domain);
    }
    for (const family of PROVIDER_FAMILIES) {
      if (family.some((domain) => this.domains.has(domain))) family.forEach((domain) => this.domains.add(domain));
    }
    this.onLoopback = onLoopback;
  }

  hasName(name: string): boolean {
    if (this.onLoopback && isLoopbackName(name)) return true;
    const domain = registrableDomain(name);
    return domain !== null && this.domains.has(domain);
  }

  hasDomain(domain: string): boolean {
    return this.domains.has(domain);
  }

  hasIp(ip: string): boolean {
    return this.ips.has(ip) || (this.onLoopback && isLoopbackIp(ip));
  }
}

/** Whether the provider ran the `by` host of hops[i]. */
function byIsProvider(hops: readonly ParsedReceived[], i: number, scope: ProviderScope): boolean {
  const hop = hops[i]!;
  if (hop.unreadable !== null || hop.byHost === null) return false;
  if (hop.byHost.kind === 'name') return scope.hasName(hop.byHost.name);
  if (scope.hasIp(hop.byHost.ip)) return true;
  const organisation = byOrganisation(hops, i);
  return organisation !== null && scope.hasDomain(organisation);
}

/** Whether the hop says it received the message from inside the provider (or its private network). */
function senderIsInside(hop: ParsedReceived, scope: ProviderScope): boolean {
  if (hop.fromIp !== null && (isPrivateIp(hop.fromIp) || scope.hasIp(hop.fromIp))) return true;
  return hop.senderNames.some((name) => scope.hasName(name));
}

/**
 * RFC 3848 §2: an A in the protocol means the sender logged in (SMTP AUTH), so it is a user's
 * client submitting, not one of the provider's servers, wherever its address is: whatever lies
 * below was written by that client. (On the test servers the client is on loopback too.)
 */
const isSubmission = (protocol: string | null) => protocol !== null && /^(UTF8)?(E?SMTP|LMTP)S?A$/.test(protocol);

/**
 * One flag per hop, travel order (the provider's last). The last hop is trusted when its `by` is
 * the provider's. Going down, a hop is trusted when the hop above it is trusted, readable, not an
 * authenticated submission, and either names a sender inside the provider, or names no sender at
 * all (a hand-over on one machine) and this hop's `by` is the provider's. The first hop that fails
 * ends the trust.
 */
export function markTrusted(hops: readonly ParsedReceived[], scope: ProviderScope): boolean[] {
  const trusted = hops.map(() => false);
  const top = hops.length - 1;
  if (top < 0 || !byIsProvider(hops, top, scope)) return trusted;
  trusted[top] = true;
  for (let i = top - 1; i >= 0; i--) {
    const above = hops[i + 1]!;
    if (above.unreadable !== null || isSubmission(above.protocol)) break;
    const handedOver = above.from === null ? byIsProvider(hops, i, scope) : senderIsInside(above, scope);
    if (!handedOver) break;
    trusted[i] = true;
  }
  return trusted;
}
