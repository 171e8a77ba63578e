/**
 * Looks up each recipient domain's transport policy in the core as recipients are added, off the
 * typing path (after a pause, chips only), each domain once per composer. `ensure` gives Send the
 * policies of every domain, asking for those not yet known.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DomainTransportPolicy } from '../../../shared/delivery-types';
import type { SealmailApi } from '../../../shared/contract';
import type { RecipientDomainsState } from '../../components/RecipientDomainsPanel';
import { settle } from '../../lib/settle';

const PAUSE_MS = 400;

export function domainsOf(addresses: readonly string[]): string[] {
  return [...new Set(addresses.map((address) => address.slice(address.lastIndexOf('@') + 1).toLowerCase()).filter(Boolean))];
}

export function useRecipientDomains(api: SealmailApi, accountId: string, addresses: readonly string[]) {
  const [known, setKnown] = useState<Record<string, DomainTransportPolicy>>({});
  const [submissionHost, setSubmissionHost] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const knownRef = useRef(known);
  knownRef.current = known;
  const domains = domainsOf(addresses);
  const key = domains.join(',');

  const lookUp = useCallback(
    async (wanted: string[]): Promise<Record<string, DomainTransportPolicy> | null> => {
      const missing = wanted.filter((domain) => !knownRef.current[domain]);
      if (missing.length === 0) return knownRef.current;
      setChecking(true);
      const result = await settle(() => api.checkRecipientDomains({ accountId, domains: missing }));
      setChecking(false);
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      setError(null);
      setSubmissionHost(result.value.submissionHost);
      // One answer per domain asked, in order (an IDN comes back in its ASCII form, so not by name).
      const answered = missing.flatMap((domain, index) => (result.value.domains[index] ? [[domain, result.value.domains[index]] as const] : []));
      const next = { ...knownRef.current, ...Object.fromEntries(answered) };
      knownRef.current = next;
      setKnown(next);
      return next;
    },
    [api, accountId],
  );

  useEffect(() => {
    if (!key) return;
    const timer = window.setTimeout(() => void lookUp(key.split(',')), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [key, lookUp]);

  /** The policies of `wanted`, looked up now where missing; null when the core could not be asked. */
  const ensure = useCallback(
    async (wanted: readonly string[]): Promise<DomainTransportPolicy[] | null> => {
      const all = await lookUp(domainsOf(wanted));
      return all ? domainsOf(wanted).flatMap((domain) => (all[domain] ? [all[domain]] : [])) : null;
    },
    [lookUp],
  );

  const listed = domains.flatMap((domain) => (known[domain] ? [known[domain]] : []));
  const state: RecipientDomainsState = {
    report: submissionHost !== null && listed.length > 0 ? { submissionHost, domains: listed } : null,
    checking,
    error: domains.length > 0 ? error : null,
  };
  return { state, ensure };
}
