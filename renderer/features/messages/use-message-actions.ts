/**
 * The message commands as the list uses them: flag, read/unread, archive, delete, each answered
 * with a receipt whose Undo stays offered until the core sends the change to the server.
 * A refusal arriving later (commandFailed) is shown in words.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CommandReceipt } from '../../../shared/mail-types';
import type { Result } from '../../../shared/result';
import { useApi } from '../../api/api-context';
import { settle } from '../../lib/settle';

export interface UndoOffer {
  label: string;
  commandId: string;
  until: number;
}

export function useMessageActions(accountId: string, folder: string) {
  const api = useApi();
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!undo) return;
    const timer = window.setTimeout(() => setUndo(null), Math.max(0, undo.until - Date.now()));
    return () => window.clearTimeout(timer);
  }, [undo]);

  useEffect(
    () =>
      api.on('commandFailed', (failure) => {
        if (failure.accountId === accountId && failure.folder === folder) setError(failure.message);
      }),
    [api, accountId, folder],
  );

  const run = useCallback(async (label: string, call: () => Promise<Result<CommandReceipt>>) => {
    const result = await settle(call);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    setUndo({ label, commandId: result.value.commandId, until: Date.parse(result.value.undoUntil) });
  }, []);

  const target = { accountId, folder };
  return {
    undo,
    error,
    dismissError: () => setError(null),
    setFlag: (uid: number, flag: 'seen' | 'flagged', value: boolean) => {
      const label = flag === 'seen' ? (value ? 'Marked as read' : 'Marked as unread') : value ? 'Flagged' : 'Flag removed';
      return run(label, () => api.setFlags({ ...target, uids: [uid], flag, value }));
    },
    archive: (uid: number) => run('Archived', () => api.archiveMessages({ ...target, uids: [uid] })),
    remove: (uid: number) => run('Deleted', () => api.deleteMessages({ ...target, uids: [uid] })),
    takeBack: async () => {
      if (!undo) return;
      setUndo(null);
      const result = await settle(() => api.undoCommand({ commandId: undo.commandId }));
      if (!result.ok) setError(result.error.message);
    },
  };
}
