/**
 * The recipient domains' transport policy, checked in the core before sending: what the composer
 * shows beside each recipient (DANE, MTA-STS, nothing, or "cannot say"). One DNS client and one
 * MTA-STS cache per service, so a policy fetched for one message is reused for the next until its
 * max_age runs out.
 */
import type { DomainTransportPolicy } from '../../../shared/delivery-types';
import type { TrustSettings } from '../transport/tls-policy';
import { DnsClient, type ResolverAddress } from './dns-client';
import { lookupThrough } from './dns-lookup';
import { normalizeDomain } from './domain-name';
import { MtaStsChecker } from './mta-sts';
import { checkDomain, type DomainCheckDeps } from './recipient-domain-policy';
import { systemResolvers } from './system-resolvers';

export interface TransportPolicyOptions {
  /** The resolvers to ask, in order; the system's (dns.getServers()) when absent. */
  resolvers?: ResolverAddress[];
  trust: TrustSettings;
  clock: { now(): Date };
  /**
   * The whole check of one domain (default 20 s). One DNS question gets a quarter of it and the
   * policy fetch half, so that a silent server is named before the domain as a whole runs out.
   */
  timeoutMs?: number;
  /** Fetch MTA-STS policies from this port instead of 443 (a loopback policy server in tests). */
  httpsPort?: number;
}

export const DEFAULT_DOMAIN_TIMEOUT_MS = 20_000;

export class TransportPolicyService {
  private readonly deps: DomainCheckDeps;
  private readonly clock: { now(): Date };

  constructor(options: TransportPolicyOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_DOMAIN_TIMEOUT_MS;
    const resolvers = options.resolvers ?? systemResolvers();
    const dns = new DnsClient({ resolvers: resolvers.length > 0 ? resolvers : [{ host: '127.0.0.1', port: 53 }], timeoutMs: Math.max(1, Math.floor(timeoutMs / 4)) });
    const mtaSts = new MtaStsChecker({
      dns,
      lookup: lookupThrough(dns),
      trust: options.trust,
      clock: options.clock,
      timeoutMs: Math.max(1, Math.floor(timeoutMs / 2)),
      ...(options.httpsPort !== undefined ? { httpsPort: options.httpsPort } : {}),
    });
    this.clock = options.clock;
    this.deps = { dns, mtaSts, clock: options.clock, timeoutMs };
  }

  /**
   * The policy of each distinct domain, in the order first given, all checked at once. Names are
   * lower-cased and IDNA-converted first; one that is not a domain name comes back as 'unknown'
   * with a problem saying so, without any lookup. Never rejects.
   */
  async check(domains: readonly string[]): Promise<DomainTransportPolicy[]> {
    const seen = new Set<string>();
    const work: Promise<DomainTransportPolicy>[] = [];
    for (const input of domains) {
      const domain = normalizeDomain(input);
      const key = domain ?? input.trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      work.push(domain === null ? Promise.resolve(this.notADomain(key)) : checkDomain(domain, this.deps));
    }
    return Promise.all(work);
  }

  private notADomain(input: string): DomainTransportPolicy {
    return {
      domain: input, kind: 'unknown', mx: [], dnssec: null, mtaSts: null,
      problems: [`"${input}" is not a domain name`], checkedAt: this.clock.now().toISOString(),
    };
  }
}
