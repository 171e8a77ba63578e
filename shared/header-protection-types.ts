/** What a message's protected header fields (RFC 9788) changed about what is shown. Plain data. */
import type { MailAddress } from './domain';

export type HeaderProtectionForm = 'rfc9788' | 'memory-hole' | 'wrapped';

export type ProtectedField = 'Subject' | 'From' | 'To' | 'Cc' | 'Date';

export interface OuterDifference {
  field: ProtectedField;
  /** What the unprotected outer header says, as shown text. */
  outer: string;
  /** What the protected header says, which is what the message shows. */
  shown: string;
  /** The sender put this outer value there (HP-Outer says so), as for an obscured subject; else it changed on the way. */
  byDesign: boolean;
}

export interface HeaderProtection {
  form: HeaderProtectionForm;
  /** The fields travelled encrypted (hp="cipher"): servers on the way saw only placeholders. */
  confidential: boolean;
  /** Outer fields that differ from the protected ones, for the details panel. */
  outerDifferences: OuterDifference[];
  /** The outer From when it names another sender than the protected From, not put there by the sender: a warning. */
  outerFrom: MailAddress | null;
}
