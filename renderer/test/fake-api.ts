/**
 * The renderer's test double of the core, derived from the contract: tests supply handlers for the
 * calls they care about, inputs are validated exactly as the main side does, and events can be pushed.
 */
import { createApi } from '../../shared/api-client';
import type { CallHandlers, EventName, EventPayloads, SealmailApi } from '../../shared/contract';
import { CALL_NAMES } from '../../shared/contract';
import { dispatchCall } from '../../shared/dispatch';
import { SealmailError } from '../../shared/errors';

export interface FakeApi {
  api: SealmailApi;
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
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
  const api = createApi({
    invoke: (name, input) => dispatchCall(full as unknown as CallHandlers, name, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return {
    api,
    calls,
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
  };
}
