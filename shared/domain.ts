/** Domain types that cross the boundary as results and events. Plain data only. */
import type { SmimeVerdict } from './smime-types';
import type { DeliveryReport } from './delivery-types';
import type { HeaderProtection } from './header-protection-types';
import type { AccountSignIn } from './oauth-types';

/** 'tls': TLS from the first byte (RFC 8314); 'starttls': STARTTLS demanded before anything else. Never plaintext. */
export type ConnectionSecurity = 'tls' | 'starttls';

export interface ServerEndpoint {
  host: string;
  port: number;
  /** Absent in accounts saved before STARTTLS existed: those are implicit TLS. */
  security?: ConnectionSecurity;
  /** SHA-256 fingerprint (AB:CD:…) of a certificate the user chose to trust for this server. */
  pinnedFingerprint256?: string;
}

/** An account as the renderer may see it: never its password. */
export interface Account {
  id: string;
  address: string;
  displayName: string;
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
  /** The organisation's LDAP directory, where recipients' certificates are looked up (its bind password is kept as passwords are). */
  directory?: AccountDirectory;
  /** Present when the account signs in with OAuth 2.0 instead of a password (its tokens are kept as passwords are). */
  signIn?: AccountSignIn;
}

/** An LDAP directory reached over LDAPS or with StartTLS required; never in clear. */
export interface AccountDirectory {
  url: string;
  security: 'ldaps' | 'starttls';
  baseDn: string;
  bindDn: string | null;
}

export interface MailAddress {
  name: string;
  address: string;
}

export interface Folder {
  path: string;
  name: string;
  /** RFC 6154 special use, such as '\\Inbox' or '\\Sent', when the server says so. */
  specialUse: string | null;
  unread: number;
  total: number;
}

export interface MessageSummary {
  uid: number;
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  /** ISO 8601; the Date header, or the arrival time when that is missing or absurd. */
  date: string;
  seen: boolean;
  flagged: boolean;
  hasAttachments: boolean;
  size: number;
}

export interface MessagePage {
  messages: MessageSummary[];
  /** How many messages the folder holds in all. */
  total: number;
  offset: number;
}

export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

export interface MessageView {
  uid: number;
  folder: string;
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  date: string;
  messageId: string | null;
  text: string;
  /** Sanitised HTML, still to be shown only inside a sandboxed frame; null for text-only mail. */
  html: string | null;
  /** Whether sanitising removed references to remote content (images, styles, fonts). */
  remoteContentBlocked: boolean;
  /**
   * False when remote content must never load for this message, whatever the user allows:
   * decrypted content without integrity protection (EFAIL). Absent means it may load on request.
   */
  remoteContentAllowed?: boolean;
  attachments: AttachmentInfo[];
  /** Set when the message could not be parsed: `text` then holds its raw source. */
  parseError: string | null;
  /**
   * The S/MIME verdict (signature and encryption) the badge and its details panel show, outside
   * the message's DOM. Absent when the message was not checked (a view cached before S/MIME).
   */
  security?: SmimeVerdict;
  /**
   * How the message travelled between servers, read from its Received headers: a separate fact
   * beside the badges, never part of the signature verdict. Absent in views cached before it.
   */
  delivery?: DeliveryReport;
  /**
   * Present when Subject, From, To, Cc and Date come from inside the signature or encryption
   * (RFC 9788 protected headers): what that changed, for the warning and the details panel.
   */
  headerProtection?: HeaderProtection;
}

export interface SentMessage {
  messageId: string;
  accepted: string[];
  /** Whether a copy was stored in the Sent folder. */
  savedToSent: boolean;
}

export interface SyncProgress {
  accountId: string;
  folder: string;
  done: number;
  total: number;
}

export interface MessagesChanged {
  accountId: string;
  folder: string;
}
