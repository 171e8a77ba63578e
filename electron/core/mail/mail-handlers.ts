/** The mail calls of the contract, answered by the mail service. */
import type { HandlersFor } from '../../../shared/contract';
import type { mailCalls } from '../../../shared/calls/mail-calls';
import type { MailService } from './mail-service';

export function mailHandlers(mail: MailService): HandlersFor<typeof mailCalls> {
  return {
    listFolders: ({ accountId }) => mail.folders(accountId),
    listMessages: ({ accountId, folder, offset, limit }) => mail.messages(accountId, folder, offset, limit),
    listConversations: ({ accountId, folder, offset, limit }) => mail.conversations(accountId, folder, offset, limit),
    listConversation: async ({ accountId, folder, uid }) => mail.conversation(accountId, folder, uid),
    openMessage: ({ accountId, folder, uid }) => mail.open(accountId, folder, uid),
    sendMessage: (message) => mail.send(message),
    syncFolder: async ({ accountId, folder }) => {
      await mail.watch(accountId, folder);
      return { started: true };
    },
    searchMessages: ({ accountId, folder, query, limit }) => mail.search(accountId, folder, query, limit),
    setFlags: ({ accountId, folder, uids, flag, value }) => mail.commands.setFlag(accountId, folder, uids, flag, value),
    moveMessages: ({ accountId, folder, uids, destination }) => mail.commands.move(accountId, folder, uids, destination),
    deleteMessages: ({ accountId, folder, uids }) => mail.commands.delete(accountId, folder, uids),
    archiveMessages: ({ accountId, folder, uids }) => mail.commands.archive(accountId, folder, uids),
    undoCommand: async ({ commandId }) => {
      await mail.commands.undo(commandId);
      return { undone: true };
    },
  };
}
