/**
 * Requests the shell may send before the page has subscribed to them: the mailto: link that
 * launched Sealmail, the notification clicked while it started. An API built here listens to its
 * transport from the moment it is made, and keeps those requests until the first listener for them
 * arrives instead of losing them to the page's start-up. Ordinary events are not kept: a stale
 * progress report means nothing later.
 *
 * The preload builds `window.sealmail` with it, and the renderer's test fake does too, so the
 * renderer's tests see the same start-up order the app does.
 */
import { createApi, type ApiTransport } from './api-client';
import type { EventName, SealmailApi } from './contract';

const KEPT_UNTIL_HEARD: ReadonlySet<EventName> = new Set<EventName>(['composeRequested', 'openMessageRequested']);
const MAX_KEPT = 10;

export function createApiKeepingShellRequests(transport: ApiTransport): SealmailApi {
  const kept = new Map<EventName, unknown[]>();
  const listenerCounts = new Map<EventName, number>();
  let deliver: ((event: EventName, payload: unknown) => void) | null = null;

  // Listening from the start, so nothing the shell sends early is missed.
  transport.subscribe((event, payload) => {
    if (KEPT_UNTIL_HEARD.has(event) && !listenerCounts.get(event)) {
      const list = kept.get(event) ?? [];
      if (list.length < MAX_KEPT) list.push(payload);
      kept.set(event, list);
      return;
    }
    deliver?.(event, payload);
  });

  const api = createApi({
    invoke: (name, input) => transport.invoke(name, input),
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
  return { ...api, on };
}
