/** The contract's typed API over a core in the same process: what a test calls instead of IPC. */
import { createApi } from '../../../shared/api-client';
import type { SealmailApi } from '../../../shared/contract';
import { dispatchCall } from '../../../shared/dispatch';
import type { Core } from '../create-core';

export function inProcessApi(core: Core): SealmailApi {
  return createApi({
    invoke: (name, input) => dispatchCall(core.handlers, name, input),
    subscribe: (listener) => core.subscribe((event, payload) => listener(event, payload)),
  });
}
