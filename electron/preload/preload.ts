/**
 * The preload: exposes `window.sealmail`, one function per call of the contract plus `on` for
 * events, and nothing else. Runs sandboxed, so it is bundled into one CommonJS file whose only
 * require is 'electron'. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, isEventName } from '../../shared/contract';
import { createApiKeepingShellRequests } from '../../shared/keeps-shell-requests-until-heard';
import type { Result } from '../../shared/result';

const api = createApiKeepingShellRequests({
  invoke: (name, input) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const receive = (_event: IpcRendererEvent, message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const { event, payload } = message as { event?: unknown; payload?: unknown };
      if (isEventName(event)) listener(event, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, receive);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, receive);
  },
});

// contextBridge copies the object: a plain object of functions, which survives the copy.
contextBridge.exposeInMainWorld('sealmail', { ...api });
