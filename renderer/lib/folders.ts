/** Folder helpers: which folder opens first, the order the sidebar shows, friendly names. */
import type { Folder } from '../../shared/domain';

const SPECIAL_ORDER = ['\\Inbox', '\\Drafts', '\\Sent', '\\Archive', '\\All', '\\Flagged', '\\Junk', '\\Trash'];

function isInbox(folder: Folder): boolean {
  return folder.specialUse === '\\Inbox' || folder.path.toUpperCase() === 'INBOX';
}

/** The folder to open when none is chosen: the inbox, else the first one. */
export function pickDefaultFolder(folders: readonly Folder[]): Folder | null {
  return folders.find((f) => f.specialUse === '\\Inbox') ?? folders.find((f) => f.path.toUpperCase() === 'INBOX') ?? folders[0] ?? null;
}

function rank(folder: Folder): number {
  if (isInbox(folder)) return 0;
  const index = folder.specialUse ? SPECIAL_ORDER.indexOf(folder.specialUse) : -1;
  return index >= 0 ? index + 1 : SPECIAL_ORDER.length + 1;
}

/** Inbox first, then the special folders in the usual order, then the rest by path. */
export function sortFolders(folders: readonly Folder[]): Folder[] {
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

/** "INBOX" is a protocol name (RFC 3501); people call it "Inbox". */
export function folderLabel(folder: Pick<Folder, 'name' | 'path' | 'specialUse'>): string {
  if (folder.specialUse === '\\Inbox' || folder.path.toUpperCase() === 'INBOX') return 'Inbox';
  return folder.name || folder.path;
}

export type FolderKind = 'inbox' | 'drafts' | 'sent' | 'archive' | 'junk' | 'trash' | 'flagged' | 'folder';

export function folderKind(folder: Pick<Folder, 'path' | 'specialUse'>): FolderKind {
  if (folder.specialUse === '\\Inbox' || folder.path.toUpperCase() === 'INBOX') return 'inbox';
  switch (folder.specialUse) {
    case '\\Drafts':
      return 'drafts';
    case '\\Sent':
      return 'sent';
    case '\\Archive':
    case '\\All':
      return 'archive';
    case '\\Junk':
      return 'junk';
    case '\\Trash':
      return 'trash';
    case '\\Flagged':
      return 'flagged';
    default:
      return 'folder';
  }
}
