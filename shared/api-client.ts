/**
 * Builds a SealmailApi from a transport, one function per call in the contract. The preload
 * (over IPC), the loopback bridge client (over WebSocket) and the renderer's test fake (in memory)
 * differ only in the transport they pass.
 */
import {
  CALL_NAMES,
  isEventName,
  type CallName,
  type EventName,
  type EventPayloads,
  type SealmailApi,
} from './contract';
import type { Result } from './result';

export interface ApiTransport {
  invoke(name: CallName, input: unknown): Promise<Result<unknown>>;
  /** Delivers every pushed event; returns a function that stops delivery. */
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}

export function createApi(transport: ApiTransport): SealmailApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let unsubscribeTransport: (() => void) | null = null;

  const ensureSubscribed = () => {
    unsubscribeTransport ??= transport.subscribe((event, payload) => {
      if (!isEventName(event)) return;
      for (const listener of listeners.get(event) ?? []) listener(payload as never);
    });
  };

  const api: Record<string, unknown> = {
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      ensureSubscribed();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  for (const name of CALL_NAMES) {
    api[name] = (input: unknown) => transport.invoke(name, input);
  }
  return api as SealmailApi;
}
