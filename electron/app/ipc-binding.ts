/**
 * Binds the contract to Electron's IPC: one `ipcMain.handle` per call, each checking the sender
 * before anything else, then handing the raw input to the shared dispatcher, which validates it
 * and turns every outcome into a Result. Events go the other way on one channel.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
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

/**
 * Sends every event the core emits to one window's web contents, until the contents are
 * destroyed or the returned function is called.
 *
 * @param subscribe the core's subscribe (sink in, unsubscribe out)
 */
export function forwardEvents(
  subscribe: (sink: EventSink) => () => void,
  contents: Pick<WebContents, 'send' | 'isDestroyed' | 'once'>,
): () => void {
  let unsubscribe: (() => void) | null = null;
  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
  };
  unsubscribe = subscribe((event, payload) => {
    if (contents.isDestroyed()) return stop();
    const message: IpcEventMessage = { event, payload };
    contents.send(IPC_EVENT_CHANNEL, message);
  });
  contents.once('destroyed', stop);
  return stop;
}
