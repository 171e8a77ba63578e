/**
 * The composer's view of server-to-server TLS: each recipient domain's published transport policy,
 * beside the account's own submission server, which is what actually relays the message. Sealmail
 * cannot choose how that server delivers; it can only say what each domain asks for.
 */
import type { DomainTransportPolicy, RecipientDomainsReport } from '../../../shared/delivery-types';
import type { AccountService } from '../accounts/account-service';

/** What the composer needs of the policy lookups: TransportPolicyService.check. */
export interface DomainPolicyChecker {
  check(domains: string[]): Promise<DomainTransportPolicy[]>;
}

export class RecipientDomains {
  constructor(
    private readonly accounts: Pick<AccountService, 'get'>,
    private readonly policies: DomainPolicyChecker,
  ) {}

  /** The policies of `domains` (deduplicated by the checker), for the account's composer. */
  async check(accountId: string, domains: string[]): Promise<RecipientDomainsReport> {
    const account = await this.accounts.get(accountId);
    return { submissionHost: account.smtp.host, domains: domains.length > 0 ? await this.policies.check(domains) : [] };
  }
}
