/**
 * A domain's mail servers: its MX records, most preferred first (RFC 5321 §5.1); without MX
 * records the domain itself is the mail server (the implicit MX); a single MX of "." says the
 * domain accepts no mail (RFC 7505).
 */
import type { DnssecState } from '../../../shared/delivery-types';
import { DnsError, type DnsClient } from './dns-client';

export type MxLookup =
  | { kind: 'hosts'; hosts: string[]; implicit: boolean; dnssec: DnssecState }
  | { kind: 'null-mx'; dnssec: DnssecState }
  /** No answer to be had, or one that says the domain does not exist: nothing else can be checked. */
  | { kind: 'failed'; problem: string; dnssec: DnssecState | null };

export async function lookupMx(dns: DnsClient, domain: string): Promise<MxLookup> {
  let result;
  try {
    result = await dns.query(domain, 'MX');
  } catch (error) {
    const why = error instanceof DnsError ? error.message : String(error);
    return { kind: 'failed', problem: `the mail servers of ${domain} could not be looked up: ${why}`, dnssec: null };
  }
  const { dnssec } = result;
  if (dnssec === 'bogus') return { kind: 'failed', problem: `the MX records of ${domain} are badly signed: not trusted`, dnssec };
  if (result.rcode === 'NXDOMAIN') return { kind: 'failed', problem: `the domain ${domain} does not exist`, dnssec };
  if (result.rcode !== 'NOERROR') {
    return { kind: 'failed', problem: `the DNS server could not look up the mail servers of ${domain} (${result.rcode})`, dnssec };
  }
  const records = result.answers.flatMap((answer) =>
    answer.type === 'MX' ? [{ preference: answer.data.preference ?? 0, host: answer.data.exchange.toLowerCase().replace(/\.$/, '') }] : [],
  );
  if (records.length === 1 && records[0]!.host === '') return { kind: 'null-mx', dnssec };
  if (records.length === 0) return { kind: 'hosts', hosts: [domain], implicit: true, dnssec };
  const hosts = [...new Set(records.sort((a, b) => a.preference - b.preference).map((record) => record.host).filter((host) => host !== ''))];
  return { kind: 'hosts', hosts, implicit: false, dnssec };
}
