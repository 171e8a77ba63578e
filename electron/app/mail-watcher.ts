/**
 * Watches the inboxes for the desktop: keeps the unread count for the dock or launcher badge, and
 * spots newly arrived mail for notifications. It only listens to the core's `messagesChanged`
 * events and asks the core's own handlers for folder counts, like the window does; it keeps no
 * mail of its own.
 */
import type { CallHandlers, EventSink } from '../../shared/contract';
import type { MailAddress } from '../../shared/domain';
import type { Logger } from '../core/ports';

/** A message that just arrived in an inbox, as much as a notification shows. */
export interface NewMail {
  accountId: string;
  folder: string;
  uid: number;
  from: MailAddress | null;
  subject: string;
}

export interface MailWatcherOptions {
  handlers: Pick<CallHandlers, 'listAccounts' | 'listFolders' | 'listMessages'>;
  subscribe: (sink: EventSink) => () => void;
  /** Unread messages in all inboxes together, after every change. */
  onUnreadCount: (total: number) => void;
  onNewMail: (mail: NewMail) => void;
  logger: Logger;
}

/** Beyond this many new messages at once, only the newest ones get a notification each. */
export const MAX_NOTIFICATIONS_AT_ONCE = 3;

interface InboxCount {
  folder: string;
  unread: number;
}

export class MailWatcher {
  private readonly inboxes = new Map<string, InboxCount>();
  /** One refresh at a time per account, so counts are compared in order. */
  private readonly queues = new Map<string, Promise<void>>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: MailWatcherOptions) {}

  /** Reads the current counts (announcing nothing), then follows changes. */
  async start(): Promise<void> {
    this.unsubscribe = this.options.subscribe((event, payload) => {
      if (event !== 'messagesChanged') return;
      const { accountId, folder } = payload as { accountId: string; folder: string };
      const known = this.inboxes.get(accountId);
      // Other folders do not change the badge; an inbox not found yet might be this one.
      if (known && known.folder !== folder) return;
      this.refresh(accountId, true);
    });
    try {
      const accounts = await this.options.handlers.listAccounts({});
      await Promise.all(accounts.map((account) => this.refresh(account.id, false)));
    } catch (error) {
      this.options.logger.warn('Could not read the accounts for the unread count', { error: String(error) });
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Re-reads one account's inbox count; with `announce`, reports the messages that arrived. */
  refresh(accountId: string, announce: boolean): Promise<void> {
    const previous = this.queues.get(accountId) ?? Promise.resolve();
    const next = previous.then(() => this.readInbox(accountId, announce)).catch((error: unknown) => {
      this.options.logger.warn('Could not refresh the unread count', { accountId, error: String(error) });
    });
    this.queues.set(accountId, next);
    return next;
  }

  private async readInbox(accountId: string, announce: boolean): Promise<void> {
    const folders = await this.options.handlers.listFolders({ accountId });
    const inbox = folders.find((folder) => folder.specialUse === '\\Inbox') ?? folders.find((folder) => folder.path.toUpperCase() === 'INBOX');
    const before = this.inboxes.get(accountId);
    if (inbox) this.inboxes.set(accountId, { folder: inbox.path, unread: inbox.unread });
    else this.inboxes.delete(accountId);
    this.options.onUnreadCount([...this.inboxes.values()].reduce((sum, count) => sum + count.unread, 0));

    if (!announce || !inbox || !before || before.folder !== inbox.path) return;
    const arrived = inbox.unread - before.unread;
    if (arrived <= 0) return;
    const page = await this.options.handlers.listMessages({
      accountId,
      folder: inbox.path,
      offset: 0,
      limit: Math.min(arrived, MAX_NOTIFICATIONS_AT_ONCE),
    });
    for (const message of page.messages.filter((summary) => !summary.seen)) {
      this.options.onNewMail({ accountId, folder: inbox.path, uid: message.uid, from: message.from, subject: message.subject });
    }
  }
}
