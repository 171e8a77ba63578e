// The one table of what the loopback DNS world publishes: the recipient domains a transport-policy
// test can name (DNS_WORLD_DOMAINS), their records, and the MTA-STS policies served over HTTPS.
// Everything lives under the reserved TLD test. (RFC 2606); every address is a loopback one.
import { createHash } from 'node:crypto';

export const DNS_WORLD_DOMAINS = {
  /** MX with a DNSSEC-validated TLSA 3 1 1 record (RFC 7672). */
  dane: 'dane.test',
  /** MTA-STS in enforce mode, policy mx matches the MX (RFC 8461). */
  sts: 'sts.test',
  /** MTA-STS in testing mode. */
  testing: 'testing.test',
  /** An MX and nothing else: no TLSA, no MTA-STS. */
  none: 'none.test',
  /** A TLSA record whose RRSIG does not verify: SERVFAIL, the data only with CD set. */
  bogus: 'bogus.test',
  /** MTA-STS in enforce mode whose mx pattern (mx.elsewhere.test) does not match the MX. */
  mismatch: 'mismatch.test',
  /** MTA-STS whose policy host presents a certificate from a CA nobody trusts. */
  untrusted: 'untrusted.test',
  /** An unsigned child zone (no DS in test.): its TLSA answer is insecure and must not count as DANE. */
  insecure: 'insecure.test',
  /** Not in the zone at all: NXDOMAIN. */
  missing: 'nosuch.test',
} as const;

export type DnsWorldDomain = keyof typeof DNS_WORLD_DOMAINS;

/** The zone apex everything hangs off; its KSK is the resolver's only trust anchor. */
export const SIGNED_ZONE = 'test';
/** The unsigned child, delegated without DS. */
export const INSECURE_ZONE = DNS_WORLD_DOMAINS.insecure;

/** The id of every _mta-sts TXT record (RFC 8461 §3.1). */
export const MTA_STS_ID = '20261203T000000';
export const MTA_STS_TXT = `v=STSv1; id=${MTA_STS_ID};`;

/** Where every MX host points: the test mail servers' address. */
export const MX_ADDRESS = '127.0.0.1';

export const mxHost = (domain: string): string => `mx.${domain}`;
export const policyHost = (domain: string): string => `mta-sts.${domain}`;

/** The policy file body (RFC 8461 §3.2); LF line endings, which the RFC allows besides CRLF. */
export function mtaStsPolicy(mode: 'enforce' | 'testing', mx: string): string {
  return `version: STSv1\nmode: ${mode}\nmx: ${mx}\nmax_age: 604800\n`;
}

export interface PolicyHost {
  domain: string;
  /** mta-sts.<domain>, the name the certificate is for and the HTTPS server's SNI. */
  host: string;
  /** Served at /.well-known/mta-sts.txt. */
  policy: string;
  /** false: the certificate chains to a throwaway CA, not to the world's caCertPem. */
  trusted: boolean;
}

const D = DNS_WORLD_DOMAINS;

export const POLICY_HOSTS: readonly PolicyHost[] = [
  { domain: D.sts, host: policyHost(D.sts), policy: mtaStsPolicy('enforce', mxHost(D.sts)), trusted: true },
  { domain: D.testing, host: policyHost(D.testing), policy: mtaStsPolicy('testing', mxHost(D.testing)), trusted: true },
  { domain: D.mismatch, host: policyHost(D.mismatch), policy: mtaStsPolicy('enforce', 'mx.elsewhere.test'), trusted: true },
  // A policy that would be fine, so the certificate is the only thing wrong.
  { domain: D.untrusted, host: policyHost(D.untrusted), policy: mtaStsPolicy('enforce', mxHost(D.untrusted)), trusted: false },
];

/**
 * The correspondents whose S/MIME certificates the zone publishes as SMIMEA 3 0 0 (RFC 8162:
 * DANE-EE, the whole certificate), one per DNSSEC outcome.
 */
export const SMIMEA_ADDRESSES = {
  /** In the signed zone: secure. */
  carol: `carol@${D.dane}`,
  /** Signed, then altered so its RRSIG fails: bogus. */
  dave: `dave@${D.bogus}`,
  /** In the unsigned child insecure.test.: insecure. */
  erin: `erin@${D.insecure}`,
} as const;

export type SmimeaPerson = keyof typeof SMIMEA_ADDRESSES;

/**
 * RFC 8162 §3 owner name (with the final dot): hex of SHA2-256 of the local part cut to 28
 * octets, _smimecert, the domain. Computed here on its own, so the world checks Sealmail's
 * electron/core/smimea/smimea-name.ts instead of repeating it.
 */
export function smimeaOwner(address: string): string {
  const at = address.lastIndexOf('@');
  const hash = createHash('sha256').update(address.slice(0, at), 'utf8').digest().subarray(0, 28).toString('hex');
  return `${hash}._smimecert.${address.slice(at + 1)}.`;
}

export interface ZoneInputs {
  /** Address of the MTA-STS policy HTTPS server (every mta-sts.* A record). */
  policyAddress: string;
  /** Address of the authoritative server, for the NS glue. */
  nsAddress: string;
  /** Hex SHA-256 of the DANE key's SubjectPublicKeyInfo, for the TLSA 3 1 1 records. */
  spkiSha256: string;
  /** Hex of each SMIMEA person's certificate DER, for their SMIMEA 3 0 0 record. */
  smimeaCertHex: Record<SmimeaPerson, string>;
}

const fqdn = (name: string): string => `${name}.`;
const quoted = (text: string): string => `"${text.replace(/["\\]/g, '\\$&')}"`;

function soa(zone: string): string[] {
  return [
    '$TTL 300',
    `${fqdn(zone)} IN SOA ns.${fqdn(zone)} hostmaster.${fqdn(SIGNED_ZONE)} 1 3600 600 86400 300`,
    `${fqdn(zone)} IN NS ns.${fqdn(zone)}`,
  ];
}

function mx(domain: string): string[] {
  return [`${fqdn(domain)} IN MX 10 ${fqdn(mxHost(domain))}`, `${fqdn(mxHost(domain))} IN A ${MX_ADDRESS}`];
}

const tlsa = (domain: string, hex: string): string => `_25._tcp.${fqdn(mxHost(domain))} IN TLSA 3 1 1 ${hex}`;

const smimea = (z: ZoneInputs, person: SmimeaPerson): string =>
  `${smimeaOwner(SMIMEA_ADDRESSES[person])} IN SMIMEA 3 0 0 ${z.smimeaCertHex[person]}`;

/** Master-file lines of test. before signing; the insecure.test. delegation has NS and glue, no DS. */
export function signedZoneLines(z: ZoneInputs): string[] {
  const sts = (domain: string): string[] => [
    `_mta-sts.${fqdn(domain)} IN TXT ${quoted(MTA_STS_TXT)}`,
    `${fqdn(policyHost(domain))} IN A ${z.policyAddress}`,
  ];
  return [
    ...soa(SIGNED_ZONE),
    `ns.${fqdn(SIGNED_ZONE)} IN A ${z.nsAddress}`,
    ...mx(D.dane), tlsa(D.dane, z.spkiSha256), smimea(z, 'carol'),
    ...mx(D.sts), ...sts(D.sts),
    ...mx(D.testing), ...sts(D.testing),
    ...mx(D.none),
    // Signed as is; dns-world.ts then alters this rdata in the signed file so its RRSIG fails.
    ...mx(D.bogus), tlsa(D.bogus, z.spkiSha256), smimea(z, 'dave'),
    ...mx(D.mismatch), ...sts(D.mismatch),
    ...mx(D.untrusted), ...sts(D.untrusted),
    `${fqdn(INSECURE_ZONE)} IN NS ns.${fqdn(INSECURE_ZONE)}`,
    `ns.${fqdn(INSECURE_ZONE)} IN A ${z.nsAddress}`,
  ];
}

/** Master-file lines of the unsigned child insecure.test. */
export function insecureZoneLines(z: ZoneInputs): string[] {
  return [
    ...soa(INSECURE_ZONE),
    `ns.${fqdn(INSECURE_ZONE)} IN A ${z.nsAddress}`,
    ...mx(INSECURE_ZONE),
    tlsa(INSECURE_ZONE, z.spkiSha256),
    smimea(z, 'erin'),
  ];
}

/** The owner name of the TLSA record made bogus after signing. */
export const BOGUS_TLSA_OWNER = `_25._tcp.${fqdn(mxHost(D.bogus))}`;

/** The owner name of the SMIMEA record made bogus after signing. */
export const BOGUS_SMIMEA_OWNER = smimeaOwner(SMIMEA_ADDRESSES.dave);
