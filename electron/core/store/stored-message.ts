/** A message as sync hands it to the store: the envelope, flags and structure, never the body. */
import type { MailAddress, MessageSummary } from '../../../shared/domain';
import { OBSCURED_SUBJECT } from '../smime/mime/header-protection';

export interface StoredMessage {
  uid: number;
  messageId: string | null;
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  /** ISO 8601 */
  date: string;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  size: number;
  hasAttachments: boolean;
  /** The BODYSTRUCTURE as JSON, so the body can later be fetched part by part. */
  structure: string | null;
  /** S/MIME or PGP encrypted: its plaintext must never be cached on disk. */
  encrypted: boolean;
  signed: boolean;
  modseq: string | null;
  inReplyTo: string | null;
  references: string[];
}

export interface FlagState {
  uid: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  modseq: string | null;
}

export interface MessageRow {
  id: number;
  uid: number;
  subject: string;
  from_name: string;
  from_address: string;
  to_json: string;
  date: number;
  seen: number;
  flagged: number;
  answered: number;
  has_attachments: number;
  size: number;
  encrypted: number;
  signed: number;
  message_id: string | null;
  thread_id: string | null;
}

/** The columns every summary query selects. */
export const SUMMARY_COLUMNS =
  'm.id, m.uid, m.subject, m.from_name, m.from_address, m.to_json, m.date, m.seen, m.flagged, m.answered, m.has_attachments, m.size, m.encrypted, m.signed, m.message_id, m.thread_id';

/**
 * The subject an encrypted message with protected headers (RFC 9788) shows outside: a placeholder
 * ("[...]", or "..." from earlier drafts) that says nothing, so the list says what it is instead.
 */
const OBSCURED_SUBJECTS = new Set([OBSCURED_SUBJECT, '...', '\u2026']);
export const ENCRYPTED_SUBJECT = 'Encrypted message';

export function toSummary(row: MessageRow): MessageSummary {
  return {
    uid: row.uid,
    subject: row.encrypted === 1 && OBSCURED_SUBJECTS.has(row.subject.trim()) ? ENCRYPTED_SUBJECT : row.subject,
    from: row.from_address || row.from_name ? { name: row.from_name, address: row.from_address } : null,
    to: JSON.parse(row.to_json) as MailAddress[],
    date: new Date(row.date).toISOString(),
    seen: row.seen === 1,
    flagged: row.flagged === 1,
    hasAttachments: row.has_attachments === 1,
    size: row.size,
  };
}
