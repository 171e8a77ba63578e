/**
 * Sealmail's own DNS client for transport policy: asks the configured resolvers (never Node's
 * dns.lookup or the system's stub behind it, so what is checked is what was asked), and says for
 * each answer whether DNSSEC vouches for it (see dnssec-state.ts for why only loopback counts).
 */
import type { Answer, RecordType } from 'dns-packet';
import type { DnssecState } from '../../../shared/delivery-types';
import { DnsError, exchange, type ResolverAddress } from './dns-exchange';
import { dnssecStateOf, isLoopbackAddress } from './dnssec-state';
import { newQuery } from './dns-wire';

export { DnsError, type ResolverAddress } from './dns-exchange';
export { SMIMEA_TYPE } from './dns-wire';

export interface DnsResult {
  name: string;
  type: RecordType;
  /** The resolver that answered. */
  resolver: ResolverAddress;
  /** 'NOERROR', 'NXDOMAIN', 'SERVFAIL', ... */
  rcode: string;
  /** The answer section; empty for a bogus answer, whose data must not be used. */
  answers: Answer[];
  dnssec: DnssecState;
}

export interface DnsClientOptions {
  /** Asked in order; the next one only when one gives no answer at all. */
  resolvers: readonly ResolverAddress[];
  /** For one question to one resolver, UDP and TCP retry together. */
  timeoutMs?: number;
}

export const DEFAULT_DNS_TIMEOUT_MS = 5_000;

export class DnsClient {
  private readonly resolvers: readonly ResolverAddress[];
  private readonly timeoutMs: number;

  constructor(options: DnsClientOptions) {
    if (options.resolvers.length === 0) throw new Error('DnsClient needs at least one resolver');
    this.resolvers = options.resolvers;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DNS_TIMEOUT_MS;
  }

  /**
   * Asks for `type` records of `name`. Resolves with whatever rcode the resolver gave; rejects
   * with a DnsError (in words) only when no resolver answered with DNS.
   */
  async query(name: string, type: RecordType): Promise<DnsResult> {
    let lastError: DnsError | undefined;
    for (const resolver of this.resolvers) {
      try {
        return await this.ask(resolver, name, type);
      } catch (error) {
        if (!(error instanceof DnsError)) throw error;
        lastError = error;
      }
    }
    throw lastError!;
  }

  private async ask(resolver: ResolverAddress, name: string, type: RecordType): Promise<DnsResult> {
    const answer = await exchange(resolver, newQuery({ name, type }), this.timeoutMs);
    let answeredWithCheckingDisabled: boolean | undefined;
    if (answer.rcode === 'SERVFAIL' && isLoopbackAddress(resolver.host)) {
      // A bogus answer or a broken server? The same question with CD set tells (dnssec-state.ts).
      const unchecked = await exchange(resolver, newQuery({ name, type }, true), this.timeoutMs).catch(() => null);
      answeredWithCheckingDisabled = unchecked !== null && (unchecked.rcode === 'NOERROR' || unchecked.rcode === 'NXDOMAIN');
    }
    const dnssec = dnssecStateOf(resolver.host, { rcode: answer.rcode, authenticData: answer.authenticData, answeredWithCheckingDisabled });
    return { name, type, resolver, rcode: answer.rcode, answers: answer.answers, dnssec };
  }
}
