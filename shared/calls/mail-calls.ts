/** Calls for reading and sending mail, searching the local store, and changing messages with Undo. */
import type { ConversationPage } from '../conversation-types';
import type { Folder, MessagePage, MessageSummary, MessageView, SentMessage } from '../domain';
import { accountIdInput, folderInput, listMessagesInput, openMessageInput, outgoingMessageInput } from '../inputs';
import { messagesInput, moveMessagesInput, searchMessagesInput, setFlagsInput, undoInput } from '../mail-inputs';
import type { CommandReceipt } from '../mail-types';
import { call } from './call-spec';

export const mailCalls = {
  listFolders: call<Folder[]>()(accountIdInput),
  /** A page of a folder's messages, newest first, from the local store (sync keeps it current). */
  listMessages: call<MessagePage>()(listMessagesInput),
  /** A page of a folder's conversations (References and In-Reply-To), newest first by their newest message. */
  listConversations: call<ConversationPage>()(listMessagesInput),
  /** The messages of the conversation a message belongs to, in the same folder, oldest first. */
  listConversation: call<MessageSummary[]>()(openMessageInput),
  openMessage: call<MessageView>()(openMessageInput),
  sendMessage: call<SentMessage>()(outgoingMessageInput),
  /** Starts (or restarts) watching a folder; progress and changes arrive as events. */
  syncFolder: call<{ started: true }>()(folderInput),
  /** Full-text search with field filters (from:, to:, subject:, has:attachment, is:unread…), newest first. */
  searchMessages: call<MessagePage>()(searchMessagesInput),
  /** Marks messages read/unread or flagged/unflagged; undoable until `undoUntil`. */
  setFlags: call<CommandReceipt>()(setFlagsInput),
  moveMessages: call<CommandReceipt>()(moveMessagesInput),
  /** Moves to Trash, or deletes for good from Trash itself. */
  deleteMessages: call<CommandReceipt>()(messagesInput),
  /** Moves to the Archive folder, creating it when the server has none. */
  archiveMessages: call<CommandReceipt>()(messagesInput),
  /** Takes a command back while it has not reached the server. */
  undoCommand: call<{ undone: true }>()(undoInput),
} as const;
