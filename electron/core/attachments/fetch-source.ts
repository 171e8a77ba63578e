/** Fetches one message's raw bytes without marking it read (imapflow fetches with BODY.PEEK[]). */
import type { ImapFlow } from 'imapflow';
import { SealmailError } from '../../../shared/errors';
import { MAX_MESSAGE_BYTES } from '../mail/message-size-limit';

export async function fetchSource(client: ImapFlow, uid: number): Promise<Buffer> {
  const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
  if (!meta) throw new SealmailError('NOT_FOUND', 'That message is no longer in this folder.');
  if ((meta.size ?? 0) > MAX_MESSAGE_BYTES) {
    throw new SealmailError('PROTOCOL_ERROR', `This message is ${Math.round((meta.size ?? 0) / 1048576)} MB, more than Sealmail loads at once.`);
  }
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  if (!message || !message.source) throw new SealmailError('NOT_FOUND', 'That message is no longer in this folder.');
  return message.source;
}
