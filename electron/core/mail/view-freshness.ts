/**
 * Which message views the body cache may keep, and which it must judge again: apart from
 * secure-view.ts so that the mail service answers from the cache without loading the readers.
 */
import type { MessageView } from '../../../shared/domain';

/** Whether the view may be written to the disk cache: never decrypted text, never a verdict that waited on a lock. */
export function mayCacheView(view: MessageView): boolean {
  const security = view.security;
  if (!security) return true;
  return security.encryption.status === 'none' && security.signature.status !== 'error';
}

/**
 * Whether a cached view must be judged again when the server can be reached: a signature's verdict
 * changes with time (expiry, revocation) and with the authorities the user trusts.
 */
export function needsFreshVerdict(view: MessageView): boolean {
  return view.security !== undefined && view.security.signature.status !== 'none';
}
