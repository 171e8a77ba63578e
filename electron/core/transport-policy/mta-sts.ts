/**
 * A domain's MTA-STS policy (RFC 8461): the TXT record first (§3.1), then the policy over HTTPS
 * (§3.3), cached in memory for its max_age and keyed by the record's id (§5.1): the same id within
 * max_age is not fetched again, a changed id is. A cached policy that has not expired still
 * applies when the record disappears or the fetch fails (§5.1), since that is what a sending
 * server holding it would do, and it is how a policy resists an attacker who blocks the fetch.
 */
import type { LookupFunction } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { TrustSettings } from '../transport/tls-policy';
import { DnsError, type DnsClient } from './dns-client';
import { fetchStsPolicy, policySecureContext } from './mta-sts-fetch';
import { parseStsPolicy, type StsPolicy } from './mta-sts-policy';
import { readStsRecord } from './mta-sts-record';

export interface FetchedStsPolicy extends StsPolicy {
  id: string;
}

export interface StsOutcome {
  /** The policy in force, fetched now or cached; null when the domain has none (or none could be had). */
  policy: FetchedStsPolicy | null;
  /** One sentence per thing that went wrong. */
  problems: string[];
  /**
   * A policy was announced or may exist but could not be had, so whether one is in force for the
   * sending servers cannot be said (they may hold a cached copy Sealmail does not have).
   */
  failed: boolean;
}

export interface MtaStsOptions {
  dns: DnsClient;
  lookup: LookupFunction;
  trust: TrustSettings;
  clock: { now(): Date };
  timeoutMs: number;
  httpsPort?: number;
}

interface CacheEntry {
  policy: FetchedStsPolicy;
  expiresAt: number;
}

export class MtaStsChecker {
  private readonly cache = new Map<string, CacheEntry>();
  private secureContext: SecureContext | undefined;

  constructor(private readonly options: MtaStsOptions) {}

  /** The MTA-STS policy of `domain` (lower-case ASCII). Never rejects. */
  async check(domain: string): Promise<StsOutcome> {
    const cached = this.unexpired(domain);
    const withCache = (problems: string[], failed: boolean): StsOutcome =>
      cached
        ? { policy: cached, problems: problems.map((problem) => `${problem}; the policy fetched earlier still applies`), failed: false }
        : { policy: null, problems, failed };

    const txt = await this.options.dns.query(`_mta-sts.${domain}`, 'TXT').catch((error: unknown) => error as Error);
    if (txt instanceof Error) {
      const why = txt instanceof DnsError ? txt.message : String(txt);
      return withCache([`the MTA-STS record of ${domain} could not be looked up: ${why}`], true);
    }
    if (txt.dnssec === 'bogus') return withCache([`the MTA-STS record of ${domain} is badly signed: not trusted`], true);
    if (txt.rcode !== 'NOERROR' && txt.rcode !== 'NXDOMAIN') {
      return withCache([`the DNS server could not look up the MTA-STS record of ${domain} (${txt.rcode})`], true);
    }
    const strings = txt.answers.flatMap((answer) => (answer.type === 'TXT' ? [joinTxt(answer.data)] : []));
    const record = readStsRecord(domain, strings);
    if (record.kind === 'absent') return withCache([], false);
    if (record.kind === 'invalid') return withCache([record.problem], false);
    if (cached && cached.id === record.id) return { policy: cached, problems: [], failed: false };

    const fetched = await fetchStsPolicy(domain, {
      secureContext: (this.secureContext ??= policySecureContext(this.options.trust)),
      lookup: this.options.lookup,
      timeoutMs: this.options.timeoutMs,
      ...(this.options.httpsPort !== undefined ? { port: this.options.httpsPort } : {}),
    });
    if (!fetched.ok) return withCache([fetched.problem], true);
    const parsed = parseStsPolicy(fetched.text);
    if (!parsed.ok) return withCache([`the MTA-STS policy of ${domain} is not valid: ${parsed.reason}`], true);
    const policy: FetchedStsPolicy = { ...parsed.policy, id: record.id };
    this.cache.set(domain, { policy, expiresAt: this.options.clock.now().getTime() + policy.maxAge * 1000 });
    return { policy, problems: [], failed: false };
  }

  private unexpired(domain: string): FetchedStsPolicy | null {
    const entry = this.cache.get(domain);
    if (!entry) return null;
    if (this.options.clock.now().getTime() < entry.expiresAt) return entry.policy;
    this.cache.delete(domain);
    return null;
  }
}

/** RFC 8461 §3.1: a record made of several strings is read as their concatenation. */
function joinTxt(data: string | Buffer | (string | Buffer)[]): string {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((part) => (typeof part === 'string' ? part : part.toString('utf8'))).join('');
}
