/** The messages between the first sync and its writer thread (store-writer-worker.ts). */
import type { StoredMessage } from './stored-message';

export type WriterRequest =
  | { id: number; op: 'put'; accountId: string; path: string; messages: readonly StoredMessage[]; index: boolean }
  | { id: number; op: 'index' }
  /** SQLite's quick_check of every page: answered with its finding, 'ok' for a sound file. */
  | { id: number; op: 'check' }
  | { id: number; op: 'close' };

/** A failure as it crosses threads: enough to rebuild the error the inline path would have thrown. */
export interface WriterFailure {
  name: string;
  message: string;
  code?: string;
}

export type WriterReply = { ready: true } | { started: false; failure: WriterFailure } | { id: number; failure: WriterFailure | null; finding?: string };

export function toFailure(error: unknown): WriterFailure {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return { name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The error again, with the name, message and code (SQLITE_FULL, SQLITE_CORRUPT…) it had in the thread. */
export function fromFailure(failure: WriterFailure): Error {
  const error = new Error(failure.message) as Error & { code?: string };
  error.name = failure.name;
  if (failure.code !== undefined) error.code = failure.code;
  return error;
}
