/**
 * Validators for everything the renderer may send. Inputs are `unknown` until one of these
 * has accepted them, on whichever side of the boundary receives them.
 */
import { z } from 'zod';

const hostName = z
  .string()
  .trim()
  .min(1, 'Enter the server name.')
  .max(253)
  .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'A server name holds only letters, digits, dots and dashes.');

const port = z.number().int().min(1).max(65535);

/** SHA-256 certificate fingerprint as Node prints it (AB:CD:…), normalised to upper case. */
export const fingerprint256 = z
  .string()
  .trim()
  .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, 'A SHA-256 fingerprint is 32 pairs of hex digits separated by colons.')
  .transform((value) => value.toUpperCase());

/** Implicit TLS unless STARTTLS is asked for; there is no plaintext value to ask for. */
export const connectionSecurity = z.enum(['tls', 'starttls']);

export const endpointInput = z.object({
  host: hostName,
  port,
  security: connectionSecurity.default('tls'),
  pinnedFingerprint256: fingerprint256.optional(),
});

export const emailAddress = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@<>()",;]+@[^\s@<>()",;]+$/, 'Enter an address like name@example.com.');

export const accountSettingsInput = z.object({
  address: emailAddress,
  displayName: z.string().trim().max(200).default(''),
  password: z.string().min(1, 'Enter the password.').max(1024),
  imap: endpointInput,
  smtp: endpointInput,
});

export const accountIdInput = z.object({ accountId: z.string().min(1).max(100) });

/** An account that signs in with an OAuth 2.0 provider: no password, the provider's id instead. */
export const oauthAccountInput = accountSettingsInput.omit({ password: true }).extend({
  providerId: z.string().trim().min(1).max(60),
});

/** What setup knows when it asks how an address signs in. */
export const signInMethodInput = z.object({
  address: emailAddress,
  imapHost: z.string().trim().max(253).optional(),
  advertisedOAuth2: z.boolean().optional(),
});

/** An account's stored sign-in method. */
export const storedSignInInput = z.object({
  method: z.literal('oauth2'),
  providerId: z.string().min(1).max(60),
  providerName: z.string().min(1).max(80),
});

/** An account's directory as stored (the bind password is not: it goes to the secret store). */
export const storedDirectoryInput = z.object({
  url: z.string().trim().min(1).max(500),
  security: z.enum(['ldaps', 'starttls']),
  baseDn: z.string().trim().min(1).max(1000),
  bindDn: z.string().trim().min(1).max(1000).nullable(),
});

/** An account's directory as the user enters it. */
export const directoryInput = storedDirectoryInput.extend({ bindPassword: z.string().max(1024).nullable().default(null) });

export const folderInput = accountIdInput.extend({ folder: z.string().min(1).max(1000) });

export const listMessagesInput = folderInput.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const openMessageInput = folderInput.extend({ uid: z.number().int().min(1) });

/** Attachments travel as base64; the cap is on the decoded total: most servers refuse more, and it fits a bridge frame. */
export const MAX_ATTACHMENT_TOTAL_BYTES = 20 * 1024 * 1024;

export const outgoingAttachmentInput = z.object({
  filename: z.string().trim().min(1).max(255).regex(/^[^\/\\\0]+$/, 'A file name cannot contain slashes.'),
  contentType: z.string().max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'Unknown file type.').default('application/octet-stream'),
  base64: z.string().max(Math.ceil((MAX_ATTACHMENT_TOTAL_BYTES * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The attachment is damaged.'),
});

const messageIdRef = z.string().trim().max(1000).regex(/^<[^<>\s]+>$/, 'Not a Message-ID.');

export const outgoingMessageInput = accountIdInput.extend({
  to: z.array(emailAddress).min(1, 'Add at least one recipient.').max(500),
  cc: z.array(emailAddress).max(500).default([]),
  bcc: z.array(emailAddress).max(500).default([]),
  subject: z.string().max(1000).default(''),
  text: z.string().max(10_000_000).default(''),
  attachments: z
    .array(outgoingAttachmentInput)
    .max(100)
    .default([])
    .refine(
      (list) => list.reduce((sum, a) => sum + Math.floor((a.base64.length * 3) / 4), 0) <= MAX_ATTACHMENT_TOTAL_BYTES,
      `Attachments may add up to ${MAX_ATTACHMENT_TOTAL_BYTES / 1048576} MB at most.`,
    ),
  /** Threading (RFC 5322 §3.6.4): the message replied to, and the chain before it. */
  inReplyTo: messageIdRef.nullable().default(null),
  references: z.array(messageIdRef).max(100).default([]),
  /** Intent, never a fallback: a core that cannot honour a true here refuses to send. */
  sign: z.boolean().default(false),
  encrypt: z.boolean().default(false),
});

export const emptyInput = z.object({}).strict();

export type AccountSettings = z.infer<typeof accountSettingsInput>;
export type OAuthAccountSettings = z.infer<typeof oauthAccountInput>;
export type OutgoingMessage = z.infer<typeof outgoingMessageInput>;
