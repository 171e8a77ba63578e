/** What compose and reader services need from the mail service; a port, so tests can pass a fake. */
import type { Account, Folder, MessagePage, MessageView } from '../../../shared/domain';

export interface MessagePort {
  /** The message as the reader shows it (whatever decryption and sanitising the core applies). */
  open(accountId: string, folder: string, uid: number): Promise<MessageView>;
  /** Its raw bytes, not marking it read. */
  source(accountId: string, folder: string, uid: number): Promise<Buffer>;
  messages(accountId: string, folder: string, offset: number, limit: number): Promise<MessagePage>;
  folders(accountId: string): Promise<Folder[]>;
}

/**
 * The bytes of the part the reader showed: the signed or decrypted entity of S/MIME mail, else the
 * whole source (MailService.displayedSource). Attachments are taken from here, in memory only, so
 * what is saved or forwarded is what the reader listed, never the encrypted blob or a sibling part.
 */
export interface ShownPartPort {
  displayedSource(accountId: string, folder: string, uid: number): Promise<Buffer>;
}

export interface AccountPort {
  get(accountId: string): Promise<Account>;
}
