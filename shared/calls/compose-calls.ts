/** Calls for writing mail: replies and forwards prepared by the core, address completion, readiness. */
import { z } from 'zod';
import type { ComposeReadiness, PreparedDraft, SuggestedAddress } from '../compose-types';
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
} as const;
