/**
 * Reading and sending mail for the accounts of a profile: one IMAP session per account, opened on
 * first use, and the events that tell the renderer something changed.
 */
import type { Folder, MessagePage, MessageView, SentMessage } from '../../../shared/domain';
import type { OutgoingMessage } from '../../../shared/inputs';
import type { AccountService } from '../accounts/account-service';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../ports';
import { fetchSource } from '../attachments/fetch-source';
import { HtmlSanitiser } from '../mime/sanitize-html';
import { ImapSession } from '../transport/imap-session';
import type { TrustSettings } from '../transport/tls-policy';
import { composeMessage } from './compose-message';
import { listFolders } from './list-folders';
import { listMessages } from './list-messages';
import { openMessage } from './open-message';
import { fileInSent, submitMessage } from './send-message';

export class MailService {
  private readonly sessions = new Map<string, Promise<ImapSession>>();
  private sanitiser: HtmlSanitiser | null = null;

  constructor(
    private readonly accounts: AccountService,
    private readonly events: EventHub,
    private readonly trust: TrustSettings,
    private readonly logger: Logger,
  ) {}

  async folders(accountId: string): Promise<Folder[]> {
    return (await this.session(accountId)).run(listFolders);
  }

  async messages(accountId: string, folder: string, offset: number, limit: number): Promise<MessagePage> {
    return (await this.session(accountId)).withMailbox(folder, (client) => listMessages(client, offset, limit));
  }

  async open(accountId: string, folder: string, uid: number): Promise<MessageView> {
    this.sanitiser ??= new HtmlSanitiser();
    const sanitiser = this.sanitiser;
    const view = await (await this.session(accountId)).withMailbox(folder, (client) => openMessage(client, folder, uid, sanitiser));
    this.events.emit('messagesChanged', { accountId, folder });
    return view;
  }

  /** One message's raw bytes, not marking it read: for saving attachments and loading remote content. */
  async source(accountId: string, folder: string, uid: number): Promise<Buffer> {
    return (await this.session(accountId)).withMailbox(folder, (client) => fetchSource(client, uid));
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const account = await this.accounts.get(message.accountId);
    const credentials = await this.accounts.credentials(account);
    const domain = account.address.split('@')[1] ?? 'sealmail.invalid';
    const composed = await composeMessage({ name: account.displayName, address: account.address }, message, domain);
    const accepted = await submitMessage(account.smtp, credentials, this.trust, composed);

    let savedToSent = false;
    try {
      savedToSent = await (await this.session(account.id)).run((client) => fileInSent(client, composed));
    } catch (error) {
      this.logger.warn('sent copy not filed', { account: account.id, error: (error as Error).message });
    }
    return { messageId: composed.messageId, accepted, savedToSent };
  }

  /** Selects the folder so the server pushes changes (IDLE), and reports its size. */
  async watch(accountId: string, folder: string): Promise<void> {
    const session = await this.session(accountId);
    const total = await session.withMailbox(folder, async (client) => client.mailbox ? client.mailbox.exists : 0);
    this.events.emit('syncProgress', { accountId, folder, done: total, total });
  }

  async forget(accountId: string): Promise<void> {
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    if (session) await (await session.catch(() => null))?.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((accountId) => this.forget(accountId)));
  }

  private session(accountId: string): Promise<ImapSession> {
    let session = this.sessions.get(accountId);
    if (!session) {
      session = this.createSession(accountId);
      this.sessions.set(accountId, session);
      // A failed lookup (no password yet) must not be remembered.
      session.catch(() => this.sessions.delete(accountId));
    }
    return session;
  }

  private async createSession(accountId: string): Promise<ImapSession> {
    const account = await this.accounts.get(accountId);
    const session = new ImapSession(account.imap, await this.accounts.credentials(account), this.trust);
    session.onMailboxChange((folder) => this.events.emit('messagesChanged', { accountId, folder }));
    return session;
  }
}
