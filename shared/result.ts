/** How every call's outcome crosses the process boundary: as data, never as a thrown error. */
import type { AppError } from './errors';

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

/** The value of a success passed through `change`; a failure as it was. */
export const mapResult = <T, U>(result: Result<T>, change: (value: T) => U): Result<U> => (result.ok ? ok(change(result.value)) : result);
