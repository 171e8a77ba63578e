/**
 * The Drafts folder over IMAP: found by special use (RFC 6154 \Drafts), else by name, else created;
 * drafts appended flagged \Draft and \Seen, their UID taken from APPENDUID (RFC 4315) or found by
 * Message-ID; a version deleted only when it still is what the reference names (same UIDVALIDITY)
 * and is a draft. One IMAP connection per account, opened on first use.
 */
import type { ImapFlow } from 'imapflow';
import type { DraftLocation } from '../../../shared/compose-types';
import type { Account } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import { MAX_MESSAGE_BYTES } from '../mail/message-size-limit';
import { ImapSession } from '../transport/imap-session';
import type { CredentialSource } from '../transport/credentials';
import type { TrustSettings } from '../transport/tls-policy';

/** Where drafts are stored, and read back from; a port so the service can be tested without a server. */
export interface DraftMailbox {
  /** Stores `raw` in the account's Drafts folder and says where it went. */
  append(accountId: string, raw: Buffer, messageId: string): Promise<DraftLocation>;
  /** The stored bytes of a message, and where it is. */
  fetch(accountId: string, folder: string, uid: number): Promise<{ raw: Buffer; ref: DraftLocation }>;
  /** Deletes and expunges the version `ref` names; false when it is gone or is not a draft. */
  remove(accountId: string, ref: DraftLocation): Promise<boolean>;
  close(): Promise<void>;
}

export interface DraftAccounts {
  get(accountId: string): Promise<Account>;
  credentials(account: Account): Promise<CredentialSource>;
}

/** The Drafts folder's path: special use first, then a folder named Drafts; null when there is none. */
export async function findDraftsFolder(client: Pick<ImapFlow, 'list'>): Promise<string | null> {
  const mailboxes = await client.list();
  return mailboxes.find((m) => m.specialUse === '\\Drafts')?.path ?? mailboxes.find((m) => /^drafts$/i.test(m.name))?.path ?? null;
}

/** The Drafts folder, created as "Drafts" when the server has none. */
export async function draftsFolderFor(client: Pick<ImapFlow, 'list' | 'mailboxCreate'>): Promise<string> {
  const found = await findDraftsFolder(client);
  if (found) return found;
  return (await client.mailboxCreate('Drafts')).path;
}

export class ImapDraftMailbox implements DraftMailbox {
  private readonly sessions = new Map<string, Promise<ImapSession>>();

  constructor(
    private readonly accounts: DraftAccounts,
    private readonly trust: TrustSettings,
  ) {}

  async append(accountId: string, raw: Buffer, messageId: string): Promise<DraftLocation> {
    const session = await this.session(accountId);
    const folder = await session.run(draftsFolderFor);
    const appended = await session.run((client) => client.append(folder, raw, ['\\Draft', '\\Seen']));
    if (appended && appended.uid && appended.uidValidity !== undefined) return { folder, uid: appended.uid, uidValidity: appended.uidValidity.toString() };
    // Without UIDPLUS the new version is found by its Message-ID.
    return session.withMailbox(folder, async (client) => {
      const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
      const uid = found && found.length > 0 ? Math.max(...found) : undefined;
      if (uid === undefined || !client.mailbox) throw new SealmailError('PROTOCOL_ERROR', 'The server stored the draft but did not say where; it is in the Drafts folder.');
      return { folder, uid, uidValidity: client.mailbox.uidValidity.toString() };
    });
  }

  async fetch(accountId: string, folder: string, uid: number): Promise<{ raw: Buffer; ref: DraftLocation }> {
    return (await this.session(accountId)).withMailbox(folder, async (client) => {
      const message = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
      if (!message || !client.mailbox) throw new SealmailError('NOT_FOUND', 'That draft is no longer in this folder.');
      if ((message.size ?? 0) > MAX_MESSAGE_BYTES) throw new SealmailError('PROTOCOL_ERROR', 'This draft is too large for Sealmail to open.');
      const full = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (!full || !full.source) throw new SealmailError('NOT_FOUND', 'That draft is no longer in this folder.');
      return { raw: full.source, ref: { folder, uid, uidValidity: client.mailbox.uidValidity.toString() } };
    });
  }

  async remove(accountId: string, ref: DraftLocation): Promise<boolean> {
    const session = await this.session(accountId);
    const draftsFolder = await session.run(findDraftsFolder);
    return session.withMailbox(ref.folder, async (client) => {
      // A renumbered folder (another UIDVALIDITY) means the UID names some other message now.
      if (!client.mailbox || client.mailbox.uidValidity.toString() !== ref.uidValidity) return false;
      const message = await client.fetchOne(String(ref.uid), { uid: true, flags: true }, { uid: true });
      if (!message) return false;
      if (!message.flags?.has('\\Draft') && ref.folder !== draftsFolder) return false;
      // imapflow sends UID EXPUNGE (RFC 4315) where it can, so other deleted messages stay as they are.
      return client.messageDelete(String(ref.uid), { uid: true });
    });
  }

  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map(async (session) => (await session.catch(() => null))?.close()));
  }

  private session(accountId: string): Promise<ImapSession> {
    let session = this.sessions.get(accountId);
    if (!session) {
      session = this.accounts.get(accountId).then(async (account) => new ImapSession(account.imap, await this.accounts.credentials(account), this.trust));
      this.sessions.set(accountId, session);
      // A failed lookup (no password yet) must not be remembered.
      session.catch(() => this.sessions.delete(accountId));
    }
    return session;
  }
}
