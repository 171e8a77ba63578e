/**
 * The user's own provider, as far as an account tells it: its IMAP and submission hosts and the
 * domain of the address. Received headers written by these can be believed; older ones are claims.
 */
import type { Account } from '../../../shared/domain';
import type { ProviderHosts } from '../delivery/read-delivery-report';

export function providerHosts(account: Pick<Account, 'address' | 'imap' | 'smtp'>): ProviderHosts {
  const domain = account.address.split('@').pop() ?? '';
  return { hosts: [...new Set([account.imap.host, account.smtp.host, domain].map((host) => host.toLowerCase()).filter(Boolean))] };
}
