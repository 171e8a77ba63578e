/**
 * Calls cross the boundary as Results, but a transport can still throw (a dropped bridge, a bug);
 * this folds a throw into the same `{ ok: false }` shape so every caller handles one thing.
 */
import type { Result } from '../../shared/result';

export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    const result = await call();
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return { ok: false, error: { code: 'INTERNAL', message: 'The Sealmail core gave no answer.' } };
  } catch (error) {
    const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
    return { ok: false, error: { code: 'INTERNAL', message: `Something went wrong talking to the Sealmail core${detail}.` } };
  }
}
