/** The folders of an account with their counts, Inbox first and special folders before the rest. */
import type { ImapFlow, ListResponse } from 'imapflow';
import type { Folder } from '../../../shared/domain';

const SPECIAL_ORDER = ['\\Inbox', '\\Drafts', '\\Sent', '\\Archive', '\\Junk', '\\Trash'];

export async function listFolders(client: ImapFlow): Promise<Folder[]> {
  const mailboxes = await client.list({ statusQuery: { messages: true, unseen: true } });
  return sortFolders(mailboxes.filter((mailbox) => !mailbox.flags.has('\\Noselect') && !mailbox.flags.has('\\NonExistent')).map(toFolder));
}

/** Inbox first, then the special folders in their usual order, then the rest by name. */
export function sortFolders(folders: Folder[]): Folder[] {
  return [...folders].sort(byDisplayOrder);
}

function toFolder(mailbox: ListResponse): Folder {
  const isInbox = mailbox.path.toUpperCase() === 'INBOX';
  return {
    path: mailbox.path,
    name: isInbox ? 'Inbox' : mailbox.name,
    specialUse: isInbox ? '\\Inbox' : (mailbox.specialUse ?? null),
    unread: mailbox.status?.unseen ?? 0,
    total: mailbox.status?.messages ?? 0,
  };
}

function byDisplayOrder(a: Folder, b: Folder): number {
  const rank = (folder: Folder) => {
    const index = folder.specialUse ? SPECIAL_ORDER.indexOf(folder.specialUse) : -1;
    return index === -1 ? SPECIAL_ORDER.length : index;
  };
  return rank(a) - rank(b) || a.path.localeCompare(b.path);
}
