/** The compose calls of the contract: replies and forwards, drafts, address completion, readiness, recipient domains. */
import type { HandlersFor } from '../../../shared/contract';
import type { composeCalls } from '../../../shared/calls/compose-calls';
import type { AddressSuggestions } from './address-suggestions';
import type { ComposeReadinessService } from './compose-readiness';
import type { ComposeService } from './compose-service';
import type { DraftService } from './draft-service';
import type { CertificateFinder } from '../discovery/certificate-finder';
import type { RecipientDomains } from './recipient-domains';

export function composeHandlers(compose: ComposeService, suggestions: AddressSuggestions, readiness: ComposeReadinessService, drafts: DraftService, recipientDomains: RecipientDomains, finder: CertificateFinder): HandlersFor<typeof composeCalls> {
  return {
    prepareReply: ({ accountId, folder, uid, mode, shown }) => compose.prepareReply(accountId, folder, uid, mode, shown),
    suggestAddresses: ({ accountId, query }) => suggestions.suggest(accountId, query),
    composeReadiness: ({ accountId, recipients }) => readiness.check(accountId, recipients),
    findCertificates: ({ accountId, recipients }) => finder.find(accountId, recipients),
    checkRecipientDomains: ({ accountId, domains }) => recipientDomains.check(accountId, domains),
    saveDraft: (draft) => drafts.save(draft),
    openDraft: ({ accountId, folder, uid }) => drafts.open(accountId, folder, uid),
    deleteDraft: async ({ accountId, draft }) => ({ deleted: await drafts.delete(accountId, draft) }),
  };
}
