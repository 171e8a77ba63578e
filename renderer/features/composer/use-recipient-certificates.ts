/**
 * Whether each recipient's certificate is known, and where it came from: the readiness check says
 * known or missing at once; beside it the core looks for missing ones in the account's directory
 * and in DNS, and when that finds one the readiness is asked again, so the chip turns to a lock.
 */
import { useEffect, useState } from 'react';
import type { CertificateLookup } from '../../../shared/certificate-lookup-types';
import type { CertificateKnown } from '../../../shared/compose-types';
import type { SealmailApi } from '../../../shared/contract';
import { settle } from '../../lib/settle';

const PAUSE_MS = 250;

export function useRecipientCertificates(api: SealmailApi, accountId: string, recipients: readonly string[]) {
  const [certificates, setCertificates] = useState<Record<string, CertificateKnown>>({});
  const [lookups, setLookups] = useState<Record<string, CertificateLookup>>({});
  const key = recipients.join(',');

  useEffect(() => {
    const list = key ? key.split(',') : [];
    if (list.length === 0) return;
    let live = true;
    const readiness = async () => {
      const result = await settle(() => api.composeReadiness({ accountId, recipients: list }));
      if (!live || !result.ok) return null;
      setCertificates((old) => ({ ...old, ...Object.fromEntries(result.value.recipients.map((r) => [r.address.toLowerCase(), r.certificate])) }));
      return result.value;
    };
    const timer = window.setTimeout(() => {
      void readiness();
      void settle(() => api.findCertificates({ accountId, recipients: list })).then((found) => {
        if (!live || !found.ok) return;
        setLookups((old) => ({ ...old, ...Object.fromEntries(found.value.map((lookup) => [lookup.address, lookup])) }));
        // Something was found and stored: ask again, so the chip says the certificate is known.
        if (found.value.some((lookup) => lookup.searched.some((s) => s.outcome === 'found'))) void readiness();
      });
    }, PAUSE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [api, accountId, key]);

  return { certificates, lookups };
}
