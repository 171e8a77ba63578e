/**
 * The preload: exposes `window.sealmail`, one function per call of the contract plus `on` for
 * events, and nothing else. Runs sandboxed, so it is bundled into one CommonJS file whose only
 * require is 'electron'. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../../shared/api-client';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, type EventName } from '../../shared/contract';
import type { Result } from '../../shared/result';

const api = createApi({
  invoke: (name, input) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const onEvent = (_event: IpcRendererEvent, message: unknown) => {
      if (typeof message !== 'object' || message === null) return;
      const { event, payload } = message as { event?: unknown; payload?: unknown };
      // createApi drops unknown event names; only the type needs narrowing here.
      if (typeof event === 'string') listener(event as EventName, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, onEvent);
    };
  },
});

// contextBridge copies the object: createApi returns a plain object of functions, which survives.
contextBridge.exposeInMainWorld('sealmail', api);
