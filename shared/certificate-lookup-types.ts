/**
 * Finding a correspondent's certificate before they ever wrote: what each source (the account's
 * LDAP directory, SMIMEA in DNS) said for one recipient, and where the certificate encryption will
 * use came from. A lookup never goes anywhere but the user's own directory and DNS resolver.
 */
import type { PersonCertificateSource } from './certificates';

export type LookupSource = 'directory' | 'dns';

export interface SourceOutcome {
  source: LookupSource;
  /**
   * 'found': a usable certificate, now stored; 'none': the source has none; 'refused': nothing
   * usable came back (certificates refused, a record not validated, a directory that offered no
   * TLS: detail says why); 'failed': it did not answer in time or broke; 'not-configured': the
   * account has no such source.
   */
  outcome: 'found' | 'none' | 'refused' | 'failed' | 'not-configured';
  detail: string | null;
}

export interface CertificateLookup {
  address: string;
  /** Where the certificate encryption will use came from, or null when there is none. */
  certificateSource: PersonCertificateSource | null;
  /** What each source said; empty when a certificate was already known and nothing was asked. */
  searched: SourceOutcome[];
  /** When the sources were asked (ISO 8601), or null when nothing was asked. */
  checkedAt: string | null;
}
