/**
 * The contract between the main process and the renderer: every call the renderer can make and
 * every event the main process pushes. The preload, the IPC binding, the loopback bridge and the
 * renderer's test fake are all derived from these two tables, so the compiler catches drift.
 */
import type { z } from 'zod';
import { accountCalls } from './calls/account-calls';
import { mailCalls } from './calls/mail-calls';
import { composeCalls } from './calls/compose-calls';
import { readerCalls } from './calls/reader-calls';
import { keystoreCalls } from './calls/keystore-calls';
import { transportCalls } from './calls/transport-calls';
import type { MessagesChanged, SyncProgress } from './domain';
import type { CommandFailed, MailNotice } from './mail-types';
import type { MenuCommand, OpenMessageRequest } from './desktop-events';
import type { ComposeRequest } from './mailto';
import type { Result } from './result';

/**
 * Every call, gathered from one file per area (shared/calls/). Adding an area is one import and
 * one spread here; everything else (preload, IPC, bridge, fake) follows from this object.
 */
export const calls = {
  ...accountCalls,
  ...mailCalls,
  ...composeCalls,
  ...readerCalls,
  ...keystoreCalls,
  ...transportCalls,
} as const;

const event = <Payload>() => ({}) as { payload?: Payload };

/** Every event the main process pushes, with its payload type carried as a phantom. */
export const events = {
  messagesChanged: event<MessagesChanged>(),
  syncProgress: event<SyncProgress>(),
  /** The server refused a flag change, move or delete; its local effect was rolled back. */
  commandFailed: event<CommandFailed>(),
  /** Something about the local store the user should hear once (it was damaged and rebuilt). */
  mailNotice: event<MailNotice>(),
  /** Desktop shell: open the composer pre-filled from a mailto: link (already parsed and made safe). */
  composeRequested: event<ComposeRequest>(),
  /** Desktop shell: a command chosen in the application menu or by its shortcut. */
  menuCommand: event<MenuCommand>(),
  /** Desktop shell: show this message (the user clicked its new-mail notification). */
  openMessageRequested: event<OpenMessageRequest>(),
} as const;

export type EventPayloads = { [E in keyof typeof events]: NonNullable<(typeof events)[E]['payload']> };

export type CallName = keyof typeof calls;
export type EventName = keyof EventPayloads;
export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

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

/** The handlers of one area's calls, e.g. `HandlersFor<typeof accountCalls>`. */
export type HandlersFor<Area> = Pick<CallHandlers, Extract<keyof Area, CallName>>;

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
