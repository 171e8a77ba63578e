/**
 * DANE for SMTP (RFC 7672): whether each MX host publishes TLSA records at _25._tcp.<host> that a
 * sending server must honour. It applies only where DNSSEC vouches for the whole path: the MX
 * answer secure (§2.2.1, otherwise an attacker could swap the MX for one without TLSA), and the
 * TLSA answer secure with at least one usable record (§2.2.2). Usable for SMTP means DANE-TA(2) or
 * DANE-EE(3); PKIX-TA(0) and PKIX-EE(1) are unusable, since MTAs share no set of CAs (§3.1.3).
 * A bogus TLSA answer is not DANE: it is an attack or a broken zone, and said so.
 *
 * Not done: §2.2.2 also asks that the host's address records be secure before the TLSA lookup; the
 * TLSA answer's own DNSSEC state is what is checked here.
 */
import type { TlsaData } from 'dns-packet';
import { DnsError, type DnsClient } from './dns-client';
import type { DnssecState } from '../../../shared/delivery-types';

export interface DaneHost {
  host: string;
  /** Secure TLSA records with at least one usable one. */
  usable: boolean;
  /** The TLSA answer was bogus. */
  bogus: boolean;
  /** The TLSA lookup failed, so whether DANE applies cannot be said. */
  failed: boolean;
  /** What went wrong or does not fit, or null. */
  problem: string | null;
}

export interface DaneOutcome {
  /** Every MX host has usable, secure TLSA records. */
  applies: boolean;
  hosts: DaneHost[];
  problems: string[];
}

/** RFC 7672 §3.1.3 (usage) and RFC 6698 §2.1.2-2.1.3 (selector 0/1, matching type 0/1/2). */
export function isUsableForSmtp(record: TlsaData): boolean {
  return (record.usage === 2 || record.usage === 3) && (record.selector === 0 || record.selector === 1) && [0, 1, 2].includes(record.matchingType);
}

export function tlsaName(host: string): string {
  return `_25._tcp.${host}`;
}

export async function checkDane(dns: DnsClient, mxHosts: readonly string[], mxDnssec: DnssecState): Promise<DaneOutcome> {
  if (mxDnssec !== 'secure' || mxHosts.length === 0) return { applies: false, hosts: [], problems: [] };
  const hosts = await Promise.all(
    mxHosts.map(async (host): Promise<DaneHost> => {
      const none = { host, usable: false, bogus: false, failed: false, problem: null };
      let result;
      try {
        result = await dns.query(tlsaName(host), 'TLSA');
      } catch (error) {
        const why = error instanceof DnsError ? error.message : String(error);
        return { ...none, failed: true, problem: `the TLSA records of ${host} could not be looked up: ${why}` };
      }
      if (result.dnssec === 'bogus') {
        return { ...none, bogus: true, problem: `the TLSA records of ${host} are badly signed: not trusted` };
      }
      if (result.rcode !== 'NOERROR' && result.rcode !== 'NXDOMAIN') {
        return { ...none, failed: true, problem: `the DNS server could not look up the TLSA records of ${host} (${result.rcode})` };
      }
      if (result.dnssec !== 'secure') return none;
      const records = result.answers.flatMap((answer) => (answer.type === 'TLSA' ? [answer.data] : []));
      if (records.length > 0 && !records.some(isUsableForSmtp)) {
        return { ...none, problem: `the TLSA records of ${host} are all of kinds SMTP cannot use (RFC 7672 §3.1.3)` };
      }
      return { ...none, usable: records.length > 0 };
    }),
  );
  const problems = hosts.flatMap((host) => (host.problem ? [host.problem] : []));
  const applies = hosts.every((host) => host.usable);
  const some = hosts.filter((host) => host.usable);
  if (!applies && some.length > 0 && hosts.every((host) => !host.failed && !host.bogus)) {
    const without = hosts.filter((host) => !host.usable).map((host) => host.host);
    problems.push(`only some mail servers publish usable TLSA records, not ${without.join(', ')}, so DANE does not protect every delivery`);
  }
  return { applies, hosts, problems };
}
