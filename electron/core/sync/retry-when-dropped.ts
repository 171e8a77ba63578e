/**
 * Runs a sync step again when the connection dropped under it (a server restart, a mailbox deleted
 * while selected, a network blip): each sync step is idempotent and commits whole batches, so a
 * rerun resumes where the last one stopped. Other failures (a refused password) are not retried.
 */
import { SealmailError } from '../../../shared/errors';

const DROPPED = new Set(['HOST_UNREACHABLE', 'TIMEOUT']);

export async function retryWhenDropped<T>(work: () => Promise<T>, attempts = 3, pauseMs = 300): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const dropped = error instanceof SealmailError && DROPPED.has(error.code);
      if (!dropped || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * attempt));
    }
  }
}
