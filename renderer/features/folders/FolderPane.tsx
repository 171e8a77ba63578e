/**
 * The current account's folders with unread counts. Opens the inbox when nothing is chosen and
 * reloads the counts whenever the core says that account's messages changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Folder } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { FolderList } from '../../components/FolderList';
import { ErrorAlert } from '../../components/Notices';
import { pickDefaultFolder, sortFolders } from '../../lib/folders';
import { settle } from '../../lib/settle';

export interface FolderPaneProps {
  accountId: string;
  selectedPath: string | null;
  onSelect(folder: Folder): void;
  /** Changing this number reloads the list (say, after a message was read). */
  refreshKey?: number;
}

export function FolderPane({ accountId, selectedPath, onSelect, refreshKey = 0 }: FolderPaneProps) {
  const api = useApi();
  const [folders, setFolders] = useState<Folder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const latest = useRef({ selectedPath, onSelect });
  latest.current = { selectedPath, onSelect };

  useEffect(() => {
    let live = true;
    void settle(() => api.listFolders({ accountId })).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(null);
      const sorted = sortFolders(result.value);
      setFolders(sorted);
      const { selectedPath: current, onSelect: select } = latest.current;
      const stillThere = current !== null && sorted.some((f) => f.path === current);
      if (!stillThere) {
        const first = pickDefaultFolder(sorted);
        if (first) select(first);
      }
    });
    return () => {
      live = false;
    };
  }, [api, accountId, refreshKey, changes]);

  useEffect(
    () =>
      api.on('messagesChanged', (change) => {
        if (change.accountId === accountId) setChanges((n) => n + 1);
      }),
    [api, accountId],
  );

  const select = useCallback(
    (path: string) => {
      const folder = folders?.find((f) => f.path === path);
      if (folder) onSelect(folder);
    },
    [folders, onSelect],
  );

  return (
    <div className="folder-pane">
      <ErrorAlert message={error} className="pane-error" />
      {folders === null && !error ? <p className="muted pane-hint">Loading folders…</p> : null}
      {folders !== null && folders.length === 0 ? <p className="muted pane-hint">This account has no folders.</p> : null}
      {folders !== null ? <FolderList folders={folders} selectedPath={selectedPath} onSelect={select} /> : null}
    </div>
  );
}
