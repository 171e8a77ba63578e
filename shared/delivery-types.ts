/**
 * The third leg, server to server: how a received message travelled (read from its Received
 * header chain) and which transport policy each recipient domain publishes (MTA-STS, DANE). Both
 * are facts shown beside the S/MIME badges, never part of them: a message that travelled in clear
 * can still carry a valid signature, and TLS on every hop proves nothing about who wrote it.
 */

/** Whether one hop was protected, as its header says. `unknown` when the header does not tell. */
export type HopTls = 'tls' | 'none' | 'unknown';

/** One hop: one Received header field, read as written. */
export interface DeliveryHop {
  /** The sending host as the header names it (HELO name or reverse DNS), or null when absent. */
  from: string | null;
  /** The sending host's IP address, when the header gives it (usually in brackets). */
  fromIp: string | null;
  /** The host that received the message and wrote this header. */
  by: string | null;
  /** The "with" protocol (ESMTPS, ESMTPSA, LMTP, HTTP...), upper-cased, or null. */
  protocol: string | null;
  tls: HopTls;
  /** Normalised TLS version ("TLS 1.3"), only where the header names one. */
  tlsVersion: string | null;
  /** The cipher suite as the header names it. */
  cipher: string | null;
  /** The header's date, ISO 8601, or null when absent or not a date. */
  time: string | null;
  /** Both ends inside one organisation or one machine (same domain, loopback, private address). */
  internal: boolean;
  /**
   * Written by the user's own provider, so it can be believed. Hops below the first one the
   * provider received from outside were written before the message reached the provider: a sender
   * can write anything there, so they are only claims.
   */
  trusted: boolean;
  /** Why this header could not be read (then nothing else of it is used), or null. */
  unreadable: string | null;
}

export type DeliveryVerdict =
  /** Every readable hop between organisations says TLS. */
  | 'tls-every-hop'
  /** At least one hop between organisations says it ran without TLS. */
  | 'hops-without-tls'
  /** No Received headers, or some that could not be read or do not say. */
  | 'unknown';

export interface DeliveryReport {
  /** The hops in the order the message travelled: the sender's first server first, the user's last. */
  hops: DeliveryHop[];
  verdict: DeliveryVerdict;
  /** Hops between organisations that say they ran without TLS. */
  withoutTls: number;
  /** Hops that could not be read, or that do not say whether TLS was used. */
  unknown: number;
  /** Hops written before the message reached the user's provider (claims). */
  claimed: number;
}

/** What the composer shows for one recipient domain. */
export type DomainPolicyKind =
  /** TLSA records for every MX, in a DNSSEC-validated answer (RFC 7672). */
  | 'dane'
  /** An MTA-STS policy in enforce mode whose mx patterns match the MX (RFC 8461). */
  | 'mta-sts'
  /** An MTA-STS policy in testing mode: failures are reported, not enforced. */
  | 'mta-sts-testing'
  /** Nothing enforced: servers may fall back to plaintext. */
  | 'none'
  /** The lookups failed (timeout, garbage, bogus signatures): Sealmail cannot say. */
  | 'unknown';

/** Whether an answer was DNSSEC-validated, as far as Sealmail can know it. */
export type DnssecState =
  /** Validated by a resolver on this machine (AD bit from loopback). */
  | 'secure'
  /** The resolver says the zone is unsigned. */
  | 'insecure'
  /** The signatures do not verify: the answer is not trusted. */
  | 'bogus'
  /** The resolver is not on this machine, so its AD bit proves nothing and is ignored. */
  | 'unvalidated';

export interface DomainTransportPolicy {
  domain: string;
  kind: DomainPolicyKind;
  /** The MX hosts, most preferred first ([] when none were found). */
  mx: string[];
  dnssec: DnssecState | null;
  /** The MTA-STS policy when one was fetched. */
  mtaSts: { mode: 'enforce' | 'testing' | 'none'; mx: string[]; maxAge: number; id: string } | null;
  /** What was looked up and went wrong or does not fit, one sentence each (never blocks sending). */
  problems: string[];
  /** When the lookups finished, ISO 8601. */
  checkedAt: string;
}

export interface RecipientDomainsReport {
  /** The user's own submission server: it, not Sealmail, relays to the recipients' servers. */
  submissionHost: string;
  domains: DomainTransportPolicy[];
}
