/** Calls for reading and sending mail. */
import type { Folder, MessagePage, MessageView, SentMessage } from '../domain';
import { accountIdInput, folderInput, listMessagesInput, openMessageInput, outgoingMessageInput } from '../inputs';
import { call } from './call-spec';

export const mailCalls = {
  listFolders: call<Folder[]>()(accountIdInput),
  /** A page of a folder's messages, newest first. */
  listMessages: call<MessagePage>()(listMessagesInput),
  openMessage: call<MessageView>()(openMessageInput),
  sendMessage: call<SentMessage>()(outgoingMessageInput),
  /** Starts (or restarts) watching a folder; progress and changes arrive as events. */
  syncFolder: call<{ started: true }>()(folderInput),
} as const;
