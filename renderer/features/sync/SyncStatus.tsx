/**
 * Starts watching the open folder (syncFolder) and shows its progress events. A failure to start
 * is shown, not fatal: the folder's stored messages stay readable.
 */
import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { SyncIndicator } from '../../components/SyncIndicator';
import { settle } from '../../lib/settle';

export function SyncStatus({ accountId, folder }: { accountId: string; folder: string }) {
  const api = useApi();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setProgress(null);
    setError(null);
    void settle(() => api.syncFolder({ accountId, folder })).then((result) => {
      if (live && !result.ok) setError(result.error.message);
    });
    const stop = api.on('syncProgress', (event) => {
      if (event.accountId === accountId && event.folder === folder) {
        setError(null);
        setProgress({ done: event.done, total: event.total });
      }
    });
    return () => {
      live = false;
      stop();
    };
  }, [api, accountId, folder]);

  return <SyncIndicator progress={progress} error={error} />;
}
