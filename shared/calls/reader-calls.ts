/** Calls for the open message beyond its view: saving an attachment, loading remote content. */
import { z } from 'zod';
import type { FileContent, RemoteContentResult } from '../compose-types';
import { emailAddress, openMessageInput } from '../inputs';
import { call } from './call-spec';

export const readerCalls = {
  /** One attachment's bytes, by its place in the message view's list; fetched only when asked. */
  getAttachment: call<FileContent>()(openMessageInput.extend({ index: z.number().int().min(0).max(10_000) })),
  /**
   * The message HTML with its remote images fetched and inlined. `when: 'senderAllowed'` loads only
   * for a sender the user always allows; never for content without integrity protection.
   */
  loadRemoteContent: call<RemoteContentResult>()(openMessageInput.extend({ when: z.enum(['now', 'senderAllowed']).default('now') })),
  /** Remembers a sender whose remote content always loads. */
  allowRemoteContentFrom: call<{ allowed: true }>()(z.object({ address: emailAddress })),
} as const;
