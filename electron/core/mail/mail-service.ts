/**
 * Reading and sending mail for the accounts of a profile: one IMAP session per account, opened on
 * first use. Lists and searches are answered from the local store, which sync keeps current;
 * changes to messages go through the command queue (local at once, server after the Undo window).
 */
import type { ConversationPage } from '../../../shared/conversation-types';
import type { Folder, MessagePage, MessageSummary, MessageView, SentMessage } from '../../../shared/domain';
import type { OutgoingMessage } from '../../../shared/inputs';
import type { AccountService } from '../accounts/account-service';
import type { EventHub } from '../events/event-hub';
import type { Logger } from '../ports';
import { fetchSource } from '../attachments/fetch-source';
import type { HtmlSanitiser } from '../mime/sanitize-html';
import { ImapSession } from '../transport/imap-session';
import type { TrustSettings } from '../transport/tls-policy';
import type { EntityProtector } from './compose-message';
import { listFolders, sortFolders } from './list-folders';
import { openLocalMail, type LocalMail, type LocalMailOptions } from './local-mail';
import { MessageCommands } from './message-commands';
import { providerHosts } from './provider-hosts';
import type { SecureReader } from './secure-view';
import { mayCacheView, needsFreshVerdict } from './view-freshness';

/** What the mail service needs of the S/MIME service (SmimeService). */
export interface MailSmime extends SecureReader {
  protect(entity: Buffer, options: { accountId: string; from: string; recipients: string[]; sign: boolean; encrypt: boolean }): Promise<Buffer>;
}

export class MailService {
  private readonly sessions = new Map<string, Promise<ImapSession>>();
  private sanitiser: HtmlSanitiser | null = null;
  private readonly local: LocalMail;
  /** Flag changes, moves, deletes and archiving, with Undo. */
  readonly commands: MessageCommands;
  private noticeShown = false;

  constructor(
    private readonly accounts: AccountService,
    private readonly events: EventHub,
    private readonly trust: TrustSettings,
    private readonly logger: Logger,
    localOptions: LocalMailOptions,
    /** S/MIME: the verdict of every opened message, and signing and encrypting on send; null without. */
    private readonly smime: MailSmime | null = null,
  ) {
    this.local = openLocalMail(localOptions, (accountId) => this.session(accountId), events, logger);
    this.commands = new MessageCommands(this.local.store, this.local.commands, this.local.started);
  }

  /** The folders from the server, saved to the store; offline, the stored list. */
  async folders(accountId: string): Promise<Folder[]> {
    try {
      this.local.store.saveFolders(accountId, await (await this.session(accountId)).run(listFolders));
    } catch (error) {
      if (this.local.store.folders(accountId).length === 0) throw error;
      this.logger.warn('folders from the store: server not reachable', { error: (error as Error).message });
    }
    return sortFolders(this.local.store.folders(accountId));
  }

  /**
   * A page of a folder from the store. A folder never synced is synced first, as far as its
   * newest messages; offline, whatever the store holds is returned.
   */
  async messages(accountId: string, folder: string, offset: number, limit: number): Promise<MessagePage> {
    await this.ready(accountId, folder);
    return this.local.store.page(accountId, folder, offset, limit);
  }

  /** A page of a folder's conversations from the store, newest first; synced first like `messages`. */
  async conversations(accountId: string, folder: string, offset: number, limit: number): Promise<ConversationPage> {
    await this.ready(accountId, folder);
    return this.local.store.conversations(accountId, folder, offset, limit);
  }

  /** The messages of the conversation `uid` belongs to, in this folder, oldest first, from the store. */
  conversation(accountId: string, folder: string, uid: number): MessageSummary[] {
    return this.local.store.conversation(accountId, folder, uid);
  }

  /** A folder never synced is synced first, as far as its newest messages; offline, the store answers as it is. */
  private async ready(accountId: string, folder: string): Promise<void> {
    try {
      await this.local.sync.ready(accountId, folder);
    } catch (error) {
      if (this.local.store.count(accountId, folder) === 0) throw error;
    }
  }

  /** Lists `subject` for a message whose outer one is a placeholder (an encrypted draft just saved), in memory only. */
  rememberShownSubject(accountId: string, folder: string, uid: number, subject: string): void {
    this.local.store.rememberShownSubject(accountId, folder, uid, subject);
    this.events.emit('messagesChanged', { accountId, folder });
  }

  /** Full-text search of a folder's stored messages (see store/search-query.ts). */
  async search(accountId: string, folder: string, query: string, limit: number): Promise<MessagePage> {
    return this.local.store.search(accountId, folder, query, limit);
  }

  /**
   * Opens a message: from the body cache when it was opened before (offline too), else from the
   * server, then cached — unless it is encrypted, whose plaintext never goes to disk.
   */
  async open(accountId: string, folder: string, uid: number): Promise<MessageView> {
    const store = this.local.store;
    const cached = store.cachedView(accountId, folder, uid);
    // Views cached before delivery reports existed are read again once, to gain one.
    if (cached && !needsFreshVerdict(cached) && cached.delivery !== undefined) {
      if (store.flags(accountId, folder, uid)?.seen === false) await this.commands.setFlag(accountId, folder, [uid], 'seen', true, false);
      return cached;
    }
    // Reading a message (mailparser, jsdom, DOMPurify, the delivery report) is loaded on the first
    // one opened, not at start (see create-core.ts).
    const { openMessage } = await import('./open-message');
    this.sanitiser ??= new (await import('../mime/sanitize-html')).HtmlSanitiser();
    const sanitiser = this.sanitiser;
    let view: MessageView;
    try {
      const provider = providerHosts(await this.accounts.get(accountId));
      view = await (await this.session(accountId)).withMailbox(folder, (client) => openMessage(client, folder, uid, sanitiser, this.smime, provider));
    } catch (error) {
      // Offline, a signed message is shown with the verdict it had when it was last opened.
      if (!cached) throw error;
      return cached;
    }
    store.setFlag(accountId, folder, [uid], 'seen', true);
    // Decrypted text never goes to disk; a verdict that waited on a locked keystore is asked again.
    if (mayCacheView(view)) store.cacheView(accountId, folder, uid, view);
    else if (view.security?.encryption.status === 'decrypted') store.indexInMemoryOnly(accountId, folder, uid, view);
    // The list shows the subject from inside (RFC 9788) from now on, kept in memory only.
    if (view.headerProtection) store.rememberShownSubject(accountId, folder, uid, view.subject);
    this.events.emit('messagesChanged', { accountId, folder });
    return view;
  }

  /** One message's raw bytes, not marking it read: for saving attachments and loading remote content. */
  async source(accountId: string, folder: string, uid: number): Promise<Buffer> {
    return (await this.session(accountId)).withMailbox(folder, (client) => fetchSource(client, uid));
  }

  /**
   * The part of a message the reader showed, as bytes: the signed or decrypted entity of S/MIME
   * mail, else the whole source. Saving an attachment reads it from here, so the list the reader
   * showed and the bytes saved come from the same part (never the encrypted blob).
   */
  async displayedSource(accountId: string, folder: string, uid: number): Promise<Buffer> {
    const raw = await this.source(accountId, folder, uid);
    if (!this.smime) return raw;
    const displayed = (await this.smime.read(raw)).displayed;
    return displayed && displayed.depth > 0 ? displayed.raw : raw;
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const account = await this.accounts.get(message.accountId);
    const credentials = await this.accounts.credentials(account);
    const domain = account.address.split('@')[1] ?? 'sealmail.invalid';
    const smime = this.smime;
    const protector: EntityProtector | null = smime ? (entity, options) => smime.protect(entity, { ...options, accountId: account.id }) : null;
    // Composing and submitting (nodemailer) are loaded on the first message sent, not at start.
    const { composeMessage } = await import('./compose-message');
    const { fileInSent, submitMessage } = await import('./send-message');
    // The Sent copy is these same bytes: encrypted (to the sender too) when the message is.
    const composed = await composeMessage({ name: account.displayName, address: account.address }, message, domain, protector);
    const accepted = await submitMessage(account.smtp, credentials, this.trust, composed);

    let savedToSent = false;
    try {
      savedToSent = await (await this.session(account.id)).run((client) => fileInSent(client, composed));
    } catch (error) {
      this.logger.warn('sent copy not filed', { account: account.id, error: (error as Error).message });
    }
    return { messageId: composed.messageId, accepted, savedToSent };
  }

  /** Syncs the folder now and keeps it current (IDLE pushes, polling); progress arrives as events. */
  async watch(accountId: string, folder: string): Promise<void> {
    if (this.local.rebuilt && !this.noticeShown) {
      this.noticeShown = true;
      this.events.emit('mailNotice', { message: `Sealmail rebuilt its message store because ${this.local.rebuilt}; your mail is being downloaded again. Changes you made offline were kept.` });
    }
    this.local.sync.watch(accountId, folder);
    await this.local.sync.sync(accountId, folder);
  }

  /** Logs out of an account and forgets everything stored and queued for it. */
  async forget(accountId: string): Promise<void> {
    await this.disconnect(accountId);
    this.local.sync.forget(accountId);
    this.local.store.forgetAccount(accountId);
    await this.local.commands.forget(accountId);
  }

  async close(): Promise<void> {
    this.local.sync.close();
    await Promise.all([...this.sessions.keys()].map((accountId) => this.disconnect(accountId)));
    this.local.close();
  }

  private async disconnect(accountId: string): Promise<void> {
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    if (session) await (await session.catch(() => null))?.close();
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
    // The server's pushes (IDLE) start an incremental sync, which reports what changed.
    session.onMailboxChange((folder) => this.local.sync.serverChanged(accountId, folder));
    return session;
  }
}
