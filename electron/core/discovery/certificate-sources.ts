/**
 * The places a recipient's certificate is looked for: the account's own directory (when one is
 * set up) and SMIMEA in DNS, asked through the same resolver rules as the transport-policy checks
 * (DNSSEC believed only from a resolver on this machine). Nothing else ever hears the address.
 */
import type { AccountService } from '../accounts/account-service';
import { lookupInDirectory } from '../directory/lookup-in-directory';
import { lookupSmimea } from '../smimea/lookup-smimea';
import { DnsClient } from '../transport-policy/dns-client';
import { systemResolvers } from '../transport-policy/system-resolvers';
import type { TrustSettings } from '../transport/tls-policy';
import type { LookupSourcePort } from './certificate-finder';

export interface CertificateSourcesOptions {
  accounts: Pick<AccountService, 'directorySettings'>;
  trust: TrustSettings;
  /** The resolvers for SMIMEA; the system's when absent. */
  resolvers?: { host: string; port: number }[];
  clock: { now(): Date };
}

export function certificateSources(options: CertificateSourcesOptions): LookupSourcePort[] {
  const resolvers = options.resolvers ?? systemResolvers();
  const dns = new DnsClient({ resolvers: resolvers.length > 0 ? resolvers : [{ host: '127.0.0.1', port: 53 }] });
  return [
    {
      source: 'directory',
      async lookup(accountId, address) {
        const settings = await options.accounts.directorySettings(accountId);
        return settings ? lookupInDirectory(settings, address, options.trust) : null;
      },
    },
    {
      source: 'dns',
      lookup: (_accountId, address) => lookupSmimea(dns, address, { clock: () => options.clock.now() }),
    },
  ];
}
