/**
 * Binds the contract to Electron's IPC: one `ipcMain.handle` per call, each checking the sender
 * before anything else, then handing the raw input to the shared dispatcher, which validates it
 * and turns every outcome into a Result. Events go the other way on one channel.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import {
  CALL_NAMES,
  IPC_CALL_PREFIX,
  IPC_EVENT_CHANNEL,
  type CallHandlers,
  type EventName,
  type EventSink,
} from '../../shared/contract';
import { dispatchCall } from '../../shared/dispatch';
import { fail, type Result } from '../../shared/result';
import type { Logger } from '../core/ports';
import type { SenderEvent } from './trusted-sender';

export interface IpcBindingOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: CallHandlers;
  isTrustedSender: (event: SenderEvent) => boolean;
  logger: Logger;
}

/** What an untrusted sender gets back: no hint about the call, and the handler never runs. */
export const REFUSED_SENDER: Result<never> = fail({
  code: 'INVALID_INPUT',
  message: 'This request did not come from a Sealmail window and was refused.',
});

/**
 * Registers a handler for every call of the contract.
 *
 * @returns a function that removes them all again
 */
export function bindIpc({ ipcMain, handlers, isTrustedSender, logger }: IpcBindingOptions): () => void {
  const report = (call: string, error: unknown) =>
    logger.error('Unexpected error in a call', { call, error: error instanceof Error ? error.stack ?? error.message : String(error) });

  for (const name of CALL_NAMES) {
    ipcMain.handle(IPC_CALL_PREFIX + name, async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event)) {
        logger.warn('Refused a call from an untrusted sender', { call: name, frameUrl: event.senderFrame?.url ?? null });
        return REFUSED_SENDER;
      }
      return dispatchCall(handlers, name, input, report);
    });
  }
  return () => {
    for (const name of CALL_NAMES) ipcMain.removeHandler(IPC_CALL_PREFIX + name);
  };
}

/** The message carried on IPC_EVENT_CHANNEL; the preload unpacks it. */
export interface IpcEventMessage {
  event: EventName;
  payload: unknown;
}

/** The part of a WebContents that events are sent through. */
export interface EventReceiver {
  send(channel: string, message: IpcEventMessage): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/**
 * Sends every event the core emits to one window's web contents, until the contents are
 * destroyed or the returned function is called.
 *
 * @param subscribe the core's subscribe (sink in, unsubscribe out)
 */
export function forwardEvents(
  subscribe: (sink: EventSink) => () => void,
  contents: EventReceiver,
): () => void {
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  const stop = () => {
    stopped = true;
    unsubscribe?.();
    unsubscribe = null;
  };
  unsubscribe = subscribe((event, payload) => {
    if (stopped) return;
    // Sending to destroyed contents throws; the 'destroyed' event may not have run yet.
    if (contents.isDestroyed()) return stop();
    contents.send(IPC_EVENT_CHANNEL, { event, payload });
  });
  if (stopped) unsubscribe();
  contents.once('destroyed', stop);
  return stop;
}
