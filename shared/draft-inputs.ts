/**
 * Validators for drafts kept on the server: what the composer holds (recipients may still be
 * missing or incomplete) and which stored version a save replaces or a send removes.
 */
import { z } from 'zod';
import { emailAddress, folderInput, outgoingMessageInput } from './inputs';

/**
 * One stored version of a draft. `uidValidity` (RFC 3501 §2.3.1.1) makes a stale reference
 * harmless: after the server renumbered the folder, it matches nothing and nothing is deleted.
 */
export const draftRefInput = z.object({
  folder: z.string().min(1).max(1000),
  uid: z.number().int().min(1),
  uidValidity: z.string().regex(/^\d{1,20}$/, 'Not a UIDVALIDITY.'),
});

export const saveDraftInput = outgoingMessageInput.extend({
  /** A draft may have no recipient yet. */
  to: z.array(emailAddress).max(500).default([]),
  /** The draft answers or forwards an encrypted message (the composer warns before sending it unencrypted). */
  originalEncrypted: z.boolean().default(false),
  /** Recipients asked for their certificate (Ask for their certificate), until their signed reply is read. */
  askedForCertificates: z.array(emailAddress).max(100).default([]),
  /** The version this save replaces; it is deleted once the new one is stored. */
  replaces: draftRefInput.nullable().default(null),
});

export const draftInput = z.object({ accountId: z.string().min(1).max(100), draft: draftRefInput });

/** A message of the Drafts folder (or any message flagged \Draft) to reopen in the composer. */
export const openDraftInput = folderInput.extend({ uid: z.number().int().min(1) });

export type DraftToSave = z.infer<typeof saveDraftInput>;
