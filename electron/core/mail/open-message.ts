/**
 * Fetches one message's source, marks it read, and builds the message view: the S/MIME verdict
 * first, and beside it how the message travelled (its Received headers), judged against the
 * user's own provider.
 */
import type { ImapFlow } from 'imapflow';
import type { MessageView } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import { readDeliveryReport, type ProviderHosts } from '../delivery/read-delivery-report';
import type { HtmlSanitiser } from '../mime/sanitize-html';
import { secureView, type SecureReader } from './secure-view';

import { MAX_MESSAGE_BYTES } from './message-size-limit';

export { MAX_MESSAGE_BYTES } from './message-size-limit';

export async function openMessage(client: ImapFlow, folder: string, uid: number, sanitiser: HtmlSanitiser, reader: SecureReader | null, provider: ProviderHosts): Promise<MessageView> {
  const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
  if (!meta) throw new SealmailError('NOT_FOUND', 'That message is no longer in this folder.');
  if ((meta.size ?? 0) > MAX_MESSAGE_BYTES) {
    throw new SealmailError('PROTOCOL_ERROR', `This message is ${Math.round((meta.size ?? 0) / 1048576)} MB, more than Sealmail shows at once.`);
  }
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  if (!message || !message.source) throw new SealmailError('NOT_FOUND', 'That message is no longer in this folder.');
  await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  const view = await secureView(message.source, { uid, folder }, sanitiser, reader);
  return { ...view, delivery: readDeliveryReport(message.source, provider) };
}
