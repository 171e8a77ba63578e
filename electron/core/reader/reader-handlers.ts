/** The reader calls of the contract: saving an attachment, loading remote content. */
import type { HandlersFor } from '../../../shared/contract';
import type { readerCalls } from '../../../shared/calls/reader-calls';
import type { AttachmentService } from '../attachments/attachment-service';
import type { RemoteContentService } from '../remote-content/remote-content-service';

export function readerHandlers(attachments: AttachmentService, remote: RemoteContentService): HandlersFor<typeof readerCalls> {
  return {
    getAttachment: ({ accountId, folder, uid, index }) => attachments.get(accountId, folder, uid, index),
    loadRemoteContent: ({ accountId, folder, uid, when }) => remote.load(accountId, folder, uid, when),
    allowRemoteContentFrom: async ({ address }) => {
      await remote.allowSender(address);
      return { allowed: true };
    },
  };
}
