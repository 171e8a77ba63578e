/** Data of the composer's and reader's calls: prepared replies, attachments, readiness to sign and encrypt. */
import type { MailAddress } from './domain';

export type ReplyMode = 'reply' | 'replyAll' | 'forward';

/** A file carried as base64 (the contract is JSON), as attached to or saved from a message. */
export interface FileContent {
  filename: string;
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
  base64: string;
}

/** A reply or forward, ready for the composer to fill in; the user may change every field. */
export interface PreparedDraft {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  /** A forward carries the original's attachments (never for a reply). */
  attachments: FileContent[];
  /** Something the user should know about the draft, e.g. attachments left out for size. */
  notice: string | null;
  /**
   * The message answered or forwarded was encrypted: sending this unencrypted would expose the
   * quoted text, so the composer warns and asks first. Absent means it was not.
   */
  originalEncrypted?: boolean;
}

/** One stored version of a draft on the server: folder, UID and the folder's UIDVALIDITY. */
export interface DraftLocation {
  folder: string;
  uid: number;
  /** A decimal string: UIDVALIDITY is a 32-bit number, kept as text so JSON carries it exactly. */
  uidValidity: string;
}

/** Where a saved draft now lives on the server. */
export interface SavedDraft {
  ref: DraftLocation;
  /** ISO 8601, when the server accepted it. */
  savedAt: string;
  /** Whether the stored copy is encrypted (to the sender's own certificate only). */
  encrypted: boolean;
}

/** A draft read back from the server, for the composer to continue. */
export interface OpenedDraft {
  ref: DraftLocation;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  attachments: FileContent[];
  inReplyTo: string | null;
  references: string[];
  sign: boolean;
  encrypt: boolean;
  originalEncrypted: boolean;
  /** Recipients this draft asked for their certificate; the composer says once theirs is known. */
  askedForCertificates: string[];
  /** Something the user should know, e.g. attachments left out. */
  notice: string | null;
}

/** Whether a recipient's certificate is known, so a message to them can be encrypted. */
export type CertificateKnown = 'known' | 'missing' | 'unknown';

export interface ComposeReadiness {
  /** Whether this build and this account can sign now; the reason in words when not. */
  sign: { available: boolean; reason: string | null };
  encrypt: { available: boolean; reason: string | null };
  recipients: { address: string; certificate: CertificateKnown }[];
}

export interface RemoteContentResult {
  /** False when nothing was loaded (the sender is not always allowed, or the message forbids it). */
  loaded: boolean;
  /** The message HTML with remote images inlined as data: URLs; still to be shown sandboxed. */
  html: string | null;
  /** Images that could not be fetched (unreachable, too large, not an image). */
  failed: number;
  /** Why nothing was loaded, when `loaded` is false for a reason other than the sender. */
  reason: string | null;
}

export type SuggestedAddress = MailAddress;
