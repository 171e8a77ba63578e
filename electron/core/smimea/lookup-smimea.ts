/**
 * Finds a correspondent's S/MIME certificate in DNS (SMIMEA, RFC 8162), for encrypting to them.
 *
 * Only a DNSSEC-validated answer is used (RFC 8162 §9: without DNSSEC anyone on the path could
 * hand over their own certificate, and the message would be encrypted to the attacker); what
 * "validated" means here is dnssec-state.ts's: the AD bit from a resolver on this machine.
 * Of the records, only those that carry a whole end-entity certificate (selector 0, matching
 * type 0; usage PKIX-EE or DANE-EE) can be encrypted to; every other record is said, not used.
 * Never throws: every failure is a sentence in `problems`.
 */
import type { DnssecState } from '../../../shared/delivery-types';
import { DnsError, SMIMEA_TYPE, type DnsClient } from '../transport-policy/dns-client';
import { checkSmimeaCertificate } from './check-smimea-certificate';
import { smimeaOwner } from './smimea-name';
import { USAGE, carriesWholeCertificate, decodeSmimeaRdata, isKnownUsage, type SmimeaRecord } from './smimea-record';

/** A certificate from DNS that can be encrypted to. */
export interface SmimeaFound {
  der: Buffer;
  usage: 0 | 1 | 2 | 3;
  /** How the certificate is vouched for, for the composer to show. */
  wording: string;
}

export interface SmimeaResult {
  found: SmimeaFound[];
  /** The answer's DNSSEC state; null when no answer came (bad address, lookup failed). */
  dnssec: DnssecState | null;
  problems: string[];
}

/**
 * RFC 6698 §2.1.1: DANE-EE (3) is the domain's word alone, no CA involved, so it is never shown as
 * an identity check; PKIX-EE (1) also asks that a CA the user trusts issued it (RFC 8162 §5).
 */
export const WORDING = {
  daneEe: 'published by the domain',
  pkixEe: 'published by the domain; its authority must also be trusted',
} as const;

export interface LookupSmimeaOptions {
  /** The time certificates must be valid at; the system clock by default. */
  clock?: () => Date;
}

/**
 * Looks up the SMIMEA records of `address` through `dns` and returns the certificates that can be
 * encrypted to, with the reason for every record that cannot be used.
 */
export async function lookupSmimea(dns: DnsClient, address: string, options: LookupSmimeaOptions = {}): Promise<SmimeaResult> {
  const owner = smimeaOwner(address);
  if (!owner) return { found: [], dnssec: null, problems: [`${address} is not an e-mail address whose SMIMEA record can be looked up`] };
  let result;
  try {
    result = await dns.query(owner.name, SMIMEA_TYPE);
  } catch (error) {
    const why = error instanceof DnsError ? error.message : String(error);
    return { found: [], dnssec: null, problems: [`the SMIMEA record of ${address} could not be looked up: ${why}`] };
  }
  const { dnssec } = result;
  if (dnssec === 'bogus') return { found: [], dnssec, problems: [`the SMIMEA record of ${address} is badly signed: not trusted`] };
  if (result.rcode === 'NXDOMAIN') return { found: [], dnssec, problems: [] };
  if (result.rcode !== 'NOERROR') {
    return { found: [], dnssec, problems: [`the DNS server could not look up the SMIMEA record of ${address} (${result.rcode})`] };
  }
  // dns-packet gives an unknown type's rdata as a Buffer (dns-wire.ts).
  const rdatas = result.answers.flatMap((answer) => {
    const data = (answer as { data?: unknown }).data;
    return answer.type === SMIMEA_TYPE && Buffer.isBuffer(data) ? [data] : [];
  });
  if (rdatas.length === 0) return { found: [], dnssec, problems: [] };
  if (dnssec !== 'secure') {
    return { found: [], dnssec, problems: [`the SMIMEA record of ${address} is not DNSSEC-validated, so it is ignored`] };
  }
  const found: SmimeaFound[] = [];
  const problems: string[] = [];
  const now = (options.clock ?? (() => new Date()))();
  for (const rdata of rdatas) {
    const outcome = judgeRecord(decodeSmimeaRdata(rdata), address, now);
    if (typeof outcome === 'string') problems.push(outcome);
    else if (!found.some((f) => f.der.equals(outcome.der))) found.push(outcome);
  }
  // Two records wrong the same way are one sentence to the user.
  return { found, dnssec, problems: [...new Set(problems)] };
}

/** One secure record: the certificate to encrypt to, or why it cannot be one. */
function judgeRecord(record: SmimeaRecord | null, address: string, now: Date): SmimeaFound | string {
  const the = `an SMIMEA record of ${address}`;
  if (!record) return `${the} is too short to hold a certificate`;
  if (!isKnownUsage(record.usage)) return `${the} has an unknown certificate usage (${record.usage}) and is not used`;
  if (!carriesWholeCertificate(record)) {
    // Selector 1 with matching type 0 is a bare SubjectPublicKeyInfo: a key without the name and usages a certificate binds to it.
    return record.selector === 1 && record.matchingType === 0
      ? `${the} publishes only a public key, not its certificate, which cannot be encrypted to`
      : `${the} publishes only a hash of its certificate, which cannot be encrypted to`;
  }
  if (record.usage === USAGE.pkixTa || record.usage === USAGE.daneTa) {
    // RFC 6698 §2.1.1: usages 0 and 2 name the CA that issues the user's certificates, not the user's own.
    const kind = record.usage === USAGE.pkixTa ? 'PKIX-TA' : 'DANE-TA';
    return `${the} publishes the certificate of an authority that issues the domain's certificates (${kind}), not ${address}'s own, which cannot be encrypted to`;
  }
  const check = checkSmimeaCertificate(record.data, address, now);
  if (!check.ok) return `the certificate in ${the} ${check.why}, so it is not used`;
  return { der: check.certificate.der, usage: record.usage, wording: record.usage === USAGE.daneEe ? WORDING.daneEe : WORDING.pkixEe };
}
