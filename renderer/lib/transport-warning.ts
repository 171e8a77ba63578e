/**
 * The setting "Warn me before sending to a domain that does not enforce TLS between servers": off
 * by default (most domains publish no policy yet, and a warning on every message teaches people to
 * click through), asked in the Connection security panel, honoured by the composer's Send.
 */
import { useStoredFlag } from './use-stored-flag';

export const WARN_UNENFORCED_TRANSPORT_KEY = 'sealmail.warnUnenforcedTransport';

export function useTransportWarning(): [boolean, (warn: boolean) => void] {
  return useStoredFlag(WARN_UNENFORCED_TRANSPORT_KEY);
}
