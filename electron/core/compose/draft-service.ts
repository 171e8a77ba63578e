/**
 * Drafts kept on the server. Saving stores the new version before deleting the one it replaces, so
 * a failure never loses both; with Encrypt on the stored draft is encrypted to the sender's own
 * certificate only (never to recipients, never in clear), and without such a certificate nothing is
 * stored and the draft stays in the composer. A draft that answers encrypted mail is stored
 * encrypted even with Encrypt off: the toggle says how it will be sent, and its quote was never
 * meant to sit on the server in clear. Reopening decrypts through the same S/MIME reader as
 * the message view.
 */
import type { DraftLocation, OpenedDraft, SavedDraft } from '../../../shared/compose-types';
import type { DraftToSave } from '../../../shared/draft-inputs';
import { SealmailError } from '../../../shared/errors';
import type { SecureReader } from '../mail/secure-view';
import type { Clock, Logger } from '../ports';
import type { AccountPort } from './message-port';
import { buildDraft } from './draft-message';
import type { DraftMailbox } from './draft-mailbox';
import { readDraft } from './read-draft';

/** What drafts need of S/MIME: encrypting to oneself, and reading (decrypting) a stored draft. */
export interface DraftCrypto extends SecureReader {
  /** Whether the account has a certificate of its own; throws KEYSTORE_LOCKED while locked. */
  hasOwnCertificate(accountId: string, address: string): Promise<boolean>;
  /** Encrypts an entity to the account's own certificate only. */
  encryptToSelf(entity: Buffer, accountId: string, address: string): Promise<Buffer>;
}

export interface DraftServiceOptions {
  accounts: AccountPort;
  mailbox: DraftMailbox;
  /** Null where this core has no S/MIME: drafts with Encrypt on are then refused. */
  crypto: DraftCrypto | null;
  clock: Clock;
  logger: Logger;
  /**
   * Told the subject of a draft stored encrypted, whose outer subject is only a placeholder, so the
   * Drafts list can show it for this run (MailService.rememberShownSubject: memory only).
   */
  rememberSubject?: (accountId: string, folder: string, uid: number, subject: string) => void;
}

const KEPT = 'The draft is still in the composer.';

export class DraftService {
  constructor(private readonly options: DraftServiceOptions) {}

  /**
   * Stores the draft in the Drafts folder and deletes the version it replaces. Refuses, storing
   * nothing, when Encrypt is on and the draft cannot be encrypted to the sender.
   */
  async save(draft: DraftToSave): Promise<SavedDraft> {
    const { accounts, mailbox, crypto, clock, logger } = this.options;
    const account = await accounts.get(draft.accountId);
    const encrypted = draft.encrypt || draft.originalEncrypted;
    if (encrypted) await this.requireOwnCertificate(account.id, account.address, draft.encrypt);
    const now = clock.now();
    const built = await buildDraft(
      { name: account.displayName, address: account.address },
      draft,
      account.address.split('@')[1] ?? 'sealmail.invalid',
      now,
      encrypted && crypto ? (entity) => crypto.encryptToSelf(entity, account.id, account.address) : null,
    );
    const ref = await mailbox.append(account.id, built.raw, built.messageId);
    if (encrypted) this.options.rememberSubject?.(account.id, ref.folder, ref.uid, draft.subject);
    if (draft.replaces && !sameRef(draft.replaces, ref)) {
      try {
        await mailbox.remove(account.id, draft.replaces);
      } catch (error) {
        // The new version is stored; an old one left behind is a nuisance, not a loss.
        logger.warn('old draft version not deleted', { account: account.id, error: (error as Error).message });
      }
    }
    return { ref, savedAt: now.toISOString(), encrypted };
  }

  /** A stored draft read back for the composer: decrypted when it is encrypted to the sender. */
  async open(accountId: string, folder: string, uid: number): Promise<OpenedDraft> {
    const { raw, ref } = await this.options.mailbox.fetch(accountId, folder, uid);
    return { ...(await readDraft(raw, this.options.crypto)), ref };
  }

  /** Deletes a stored draft (sent, or discarded); false when it was already gone or is not a draft. */
  async delete(accountId: string, ref: DraftLocation): Promise<boolean> {
    return this.options.mailbox.remove(accountId, ref);
  }

  async close(): Promise<void> {
    await this.options.mailbox.close();
  }

  private async requireOwnCertificate(accountId: string, address: string, encryptOn: boolean): Promise<void> {
    const why = encryptOn ? 'Encrypt is on' : 'This draft quotes encrypted mail';
    const crypto = this.options.crypto;
    let own = false;
    try {
      own = crypto !== null && (await crypto.hasOwnCertificate(accountId, address));
    } catch (error) {
      if (error instanceof SealmailError && error.code === 'KEYSTORE_LOCKED') {
        throw new SealmailError('KEYSTORE_LOCKED', `${why} and your certificates are locked, so the draft was not saved. Unlock them under Certificates. ${KEPT}`);
      }
      if (!(error instanceof SealmailError && error.code === 'NOT_FOUND')) throw error;
    }
    if (!own) {
      throw new SealmailError(
        'SMIME_UNAVAILABLE',
        `${why}, but you have no certificate of your own for ${address}, so the draft cannot be encrypted and Sealmail will not store it in clear. Import your certificate under Certificates${encryptOn ? ', or turn Encrypt off' : ''}. ${KEPT}`,
      );
    }
  }
}

function sameRef(a: DraftLocation, b: DraftLocation): boolean {
  return a.folder === b.folder && a.uid === b.uid && a.uidValidity === b.uidValidity;
}
