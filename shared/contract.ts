/**
 * The contract between the main process and the renderer: every call the renderer can make and
 * every event the main process pushes. The preload, the IPC binding, the loopback bridge and the
 * renderer's test fake are all derived from these two tables, so the compiler catches drift.
 */
import type { z } from 'zod';
import type {
  Account,
  Folder,
  MessagePage,
  MessagesChanged,
  MessageView,
  SentMessage,
  SyncProgress,
} from './domain';
import {
  accountIdInput,
  accountSettingsInput,
  emptyInput,
  folderInput,
  listMessagesInput,
  openMessageInput,
  outgoingMessageInput,
} from './inputs';
import type { Result } from './result';

/** A call: its input validator, and its output type carried as a phantom. */
interface CallSpec<Input extends z.ZodType, Output> {
  input: Input;
  /** Never read at run time; carries the output type for the derivations below. */
  output?: Output;
}

const call = <Output>() => <Input extends z.ZodType>(input: Input): CallSpec<Input, Output> => ({ input });

export const calls = {
  /** The accounts set up in this profile. */
  listAccounts: call<Account[]>()(emptyInput),
  /** Connects and logs in to IMAP and SMTP; saves nothing. */
  testAccount: call<{ imap: true; smtp: true }>()(accountSettingsInput),
  /** Tests the settings first and saves the account only when both servers accept them. */
  addAccount: call<Account>()(accountSettingsInput),
  removeAccount: call<{ removed: true }>()(accountIdInput),
  listFolders: call<Folder[]>()(accountIdInput),
  /** A page of a folder's messages, newest first. */
  listMessages: call<MessagePage>()(listMessagesInput),
  openMessage: call<MessageView>()(openMessageInput),
  sendMessage: call<SentMessage>()(outgoingMessageInput),
  /** Starts (or restarts) watching a folder; progress and changes arrive as events. */
  syncFolder: call<{ started: true }>()(folderInput),
} as const;

/** Payload type of every event the main process pushes. */
export interface EventPayloads {
  messagesChanged: MessagesChanged;
  syncProgress: SyncProgress;
}

export type CallName = keyof typeof calls;
export type EventName = keyof EventPayloads;
export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES: readonly EventName[] = ['messagesChanged', 'syncProgress'];

/** What the renderer passes: the validator's input side, so defaults may be omitted. */
export type CallInput<K extends CallName> = z.input<(typeof calls)[K]['input']>;
/** What the main side receives after validation, defaults applied. */
export type ValidInput<K extends CallName> = z.output<(typeof calls)[K]['input']>;
export type CallOutput<K extends CallName> = NonNullable<(typeof calls)[K]['output']>;

export type Unsubscribe = () => void;

/** The object the renderer talks to: `window.sealmail` in Electron, the bridge client in a browser. */
export type SealmailApi = {
  [K in CallName]: (input: CallInput<K>) => Promise<Result<CallOutput<K>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): Unsubscribe;
};

/** What the core implements: validated input in, value out, SealmailError thrown on failure. */
export type CallHandlers = {
  [K in CallName]: (input: ValidInput<K>) => Promise<CallOutput<K>>;
};

/** How the main side pushes events to whoever listens (a window, a WebSocket, a test). */
export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

export const IPC_CALL_PREFIX = 'sealmail:call:';
export const IPC_EVENT_CHANNEL = 'sealmail:event';

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(calls, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
