/**
 * One attachment's bytes, fetched only when the user asks to save it, matched to the place the
 * message view listed it. The renderer saves it through a download or save dialog, never opens it.
 */
import type { FileContent } from '../../../shared/compose-types';
import { SealmailError } from '../../../shared/errors';
import { MAX_ATTACHMENT_TOTAL_BYTES } from '../../../shared/inputs';
import type { MessagePort } from '../compose/message-port';
import { parseRaw } from '../compose/parse-raw';

/** What fits one frame of the loopback bridge once base64-encoded. */
export const MAX_SAVED_ATTACHMENT_BYTES = MAX_ATTACHMENT_TOTAL_BYTES;

export class AttachmentService {
  constructor(private readonly mail: Pick<MessagePort, 'source'>) {}

  /** The attachment at `index` of the message view's list, as base64. */
  async get(accountId: string, folder: string, uid: number, index: number): Promise<FileContent> {
    const parsed = await parseRaw(await this.mail.source(accountId, folder, uid));
    const part = parsed.attachments[index];
    if (!part) throw new SealmailError('NOT_FOUND', 'That attachment is no longer in the message.');
    if (part.size > MAX_SAVED_ATTACHMENT_BYTES) {
      throw new SealmailError('INVALID_INPUT', `This attachment is ${Math.round(part.size / 1048576)} MB; Sealmail saves attachments up to ${MAX_SAVED_ATTACHMENT_BYTES / 1048576} MB.`);
    }
    return {
      filename: safeFilename(part.filename ?? 'unnamed'),
      contentType: part.contentType || 'application/octet-stream',
      size: part.size,
      base64: part.content.toString('base64'),
    };
  }
}

/** A name a save dialog can offer: no folders, no control characters, no leading dots. */
export function safeFilename(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return clean.slice(0, 200) || 'attachment';
}
