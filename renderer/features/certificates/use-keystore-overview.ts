/** Loads what the certificate manager lists, and reloads after every change. */
import { useCallback, useEffect, useState } from 'react';
import type { KeystoreOverview } from '../../../shared/certificates';
import { useApi } from '../../api/api-context';
import { settle } from '../../lib/settle';

export function useKeystoreOverview() {
  const api = useApi();
  const [overview, setOverview] = useState<KeystoreOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const result = await settle(() => api.listKeystore({}));
    if (result.ok) {
      setOverview(result.value);
      setError(null);
    } else setError(result.error.message);
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { overview, error, reload };
}
