/** The sidebar's folder list: name, icon and unread count; the open folder is marked current. */
import type { Folder } from '../../shared/domain';
import { folderKind, folderLabel } from '../lib/folders';
import { Icon } from './Icon';

export interface FolderListProps {
  folders: readonly Folder[];
  selectedPath: string | null;
  onSelect(path: string): void;
}

export function FolderList({ folders, selectedPath, onSelect }: FolderListProps) {
  return (
    <ul className="folder-list">
      {folders.map((folder) => {
        const selected = folder.path === selectedPath;
        const unread = Math.max(0, folder.unread | 0);
        return (
          <li key={folder.path}>
            <button
              type="button"
              className={selected ? 'folder folder-selected' : 'folder'}
              aria-current={selected ? 'true' : undefined}
              data-path={folder.path}
              title={folder.path}
              onClick={() => onSelect(folder.path)}
            >
              <Icon name={folderKind(folder)} className="folder-icon" />
              <span className="folder-name">{folderLabel(folder)}</span>{' '}
              {unread > 0 ? (
                <span className="folder-count">
                  {unread}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
