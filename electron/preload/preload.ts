/**
 * The preload: exposes `window.sealmail`, one function per call of the contract plus `on` for
 * events, and nothing else. Runs sandboxed, so it is bundled into one CommonJS file whose only
 * require is 'electron'. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../../shared/api-client';
import { IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, isEventName, type EventName, type SealmailApi } from '../../shared/contract';
import type { Result } from '../../shared/result';

/**
 * Requests the shell may send before the page has subscribed to them: the mailto: link that
 * launched Sealmail, the notification clicked while it started. Kept until the first listener for
 * them arrives, instead of being lost to the page's start-up.
 */
const KEPT_UNTIL_HEARD: ReadonlySet<EventName> = new Set<EventName>(['composeRequested', 'openMessageRequested']);
const MAX_KEPT = 10;

const kept = new Map<EventName, unknown[]>();
const listenerCounts = new Map<EventName, number>();
let deliver: ((event: EventName, payload: unknown) => void) | null = null;

// Listening from the start, so nothing the shell sends early is missed.
ipcRenderer.on(IPC_EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (!isEventName(event)) return;
  if (KEPT_UNTIL_HEARD.has(event) && !listenerCounts.get(event)) {
    const list = kept.get(event) ?? [];
    if (list.length < MAX_KEPT) list.push(payload);
    kept.set(event, list);
    return;
  }
  deliver?.(event, payload);
});

const api = createApi({
  invoke: (name, input) => ipcRenderer.invoke(IPC_CALL_PREFIX + name, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    deliver = listener;
    return () => {
      if (deliver === listener) deliver = null;
    };
  },
});

const on: SealmailApi['on'] = (event, listener) => {
  const unsubscribe = api.on(event, listener);
  listenerCounts.set(event, (listenerCounts.get(event) ?? 0) + 1);
  const waiting = kept.get(event);
  kept.delete(event);
  for (const payload of waiting ?? []) listener(payload as never);
  let subscribed = true;
  return () => {
    if (!subscribed) return;
    subscribed = false;
    listenerCounts.set(event, (listenerCounts.get(event) ?? 1) - 1);
    unsubscribe();
  };
};

// contextBridge copies the object: a plain object of functions, which survives the copy.
contextBridge.exposeInMainWorld('sealmail', { ...api, on });
