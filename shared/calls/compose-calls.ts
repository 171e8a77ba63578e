/** Calls for writing mail: replies and forwards prepared by the core, drafts, address completion, readiness. */
import { z } from 'zod';
import type { ComposeReadiness, OpenedDraft, PreparedDraft, SavedDraft, SuggestedAddress } from '../compose-types';
import type { CertificateLookup } from '../certificate-lookup-types';
import type { RecipientDomainsReport } from '../delivery-types';
import { draftInput, openDraftInput, saveDraftInput } from '../draft-inputs';
import { accountIdInput, emailAddress, openMessageInput } from '../inputs';
import { call } from './call-spec';

export const composeCalls = {
  /**
   * A reply, reply-all or forward of a message, quoting only what the reader showed (`shown`: its
   * text, or the visible text of its HTML), never hidden or sibling parts.
   */
  prepareReply: call<PreparedDraft>()(
    openMessageInput.extend({
      mode: z.enum(['reply', 'replyAll', 'forward']),
      shown: z.enum(['text', 'html']).default('text'),
    }),
  ),
  /** Addresses from the account's recent mail that start with (or contain) what was typed. */
  suggestAddresses: call<SuggestedAddress[]>()(accountIdInput.extend({ query: z.string().trim().min(1).max(200) })),
  /** Whether the account can sign, and whose certificates are known to encrypt to. */
  composeReadiness: call<ComposeReadiness>()(accountIdInput.extend({ recipients: z.array(emailAddress).max(1500).default([]) })),
  /**
   * Looks for the certificates of recipients without a known one, in the account's directory and in
   * DNS (SMIMEA), in parallel with a timeout; what is found is stored as the person's certificate.
   * Recipients with a known certificate are not looked up; each answer says where theirs came from.
   */
  findCertificates: call<CertificateLookup[]>()(accountIdInput.extend({ recipients: z.array(emailAddress).max(100) })),
  /**
   * How each recipient domain's mail servers accept mail: DANE, MTA-STS (enforce or testing) or no
   * policy, looked up in parallel with a timeout. Never blocks sending: failures come back as words.
   */
  checkRecipientDomains: call<RecipientDomainsReport>()(accountIdInput.extend({ domains: z.array(z.string().trim().toLowerCase().min(1).max(253)).max(100) })),
  /**
   * Stores the draft in the account's Drafts folder (flagged \Draft and \Seen), then deletes the
   * version it replaces. With Encrypt on it is encrypted to the sender's own certificate only, and
   * refused (nothing stored) when there is none; never signed.
   */
  saveDraft: call<SavedDraft>()(saveDraftInput),
  /** A stored draft read back (decrypted when it is encrypted to the sender) for the composer. */
  openDraft: call<OpenedDraft>()(openDraftInput),
  /** Deletes a stored draft: after its message was sent, or when it is discarded. Only \Draft messages. */
  deleteDraft: call<{ deleted: boolean }>()(draftInput),
} as const;
