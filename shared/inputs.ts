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

export const endpointInput = z.object({ host: hostName, port });

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

export const folderInput = accountIdInput.extend({ folder: z.string().min(1).max(1000) });

export const listMessagesInput = folderInput.extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

export const openMessageInput = folderInput.extend({ uid: z.number().int().min(1) });

export const outgoingMessageInput = accountIdInput.extend({
  to: z.array(emailAddress).min(1, 'Add at least one recipient.').max(500),
  cc: z.array(emailAddress).max(500).default([]),
  subject: z.string().max(1000).default(''),
  text: z.string().max(10_000_000).default(''),
});

export const emptyInput = z.object({}).strict();

export type AccountSettings = z.infer<typeof accountSettingsInput>;
export type OutgoingMessage = z.infer<typeof outgoingMessageInput>;
