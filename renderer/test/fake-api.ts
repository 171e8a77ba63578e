/**
 * The renderer's test double of the core, derived from the contract: tests supply handlers for the
 * calls they care about, inputs are validated exactly as the main side does, and events can be pushed.
 * Built like the preload's API, so a shell request pushed before the page listens is kept, as in the app.
 */
import { createApiKeepingShellRequests } from '../../shared/keeps-shell-requests-until-heard';
import type { CallHandlers, EventName, EventPayloads, SealmailApi } from '../../shared/contract';
import { CALL_NAMES } from '../../shared/contract';
import { dispatchCall } from '../../shared/dispatch';
import { SealmailError } from '../../shared/errors';

export interface FakeApi {
  api: SealmailApi;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Whether the page listens for this event yet: an ordinary event pushed before it does is lost, as in the app. */
  listening(event: EventName): boolean;
  /** Every call made, in order, with the validated input. */
  calls: { name: string; input: unknown }[];
}

export function createFakeApi(handlers: Partial<CallHandlers>): FakeApi {
  const calls: FakeApi['calls'] = [];
  const full = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    full[name] = async (input: unknown) => {
      calls.push({ name, input });
      const handler = handlers[name] as ((input: unknown) => Promise<unknown>) | undefined;
      if (!handler) throw new SealmailError('INTERNAL', `The test did not fake ${name}.`);
      return handler(input);
    };
  }
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const shellApi = createApiKeepingShellRequests({
    invoke: (name, input) => dispatchCall(full as unknown as CallHandlers, name, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const listenerCounts = new Map<EventName, number>();
  const api: SealmailApi = {
    ...shellApi,
    on(event, listener) {
      listenerCounts.set(event, (listenerCounts.get(event) ?? 0) + 1);
      const off = shellApi.on(event, listener);
      let subscribed = true;
      return () => {
        if (subscribed) listenerCounts.set(event, (listenerCounts.get(event) ?? 1) - 1);
        subscribed = false;
        off();
      };
    },
  };
  return {
    api,
    calls,
    listening: (event) => (listenerCounts.get(event) ?? 0) > 0,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
  };
}
