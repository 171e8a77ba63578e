/** The port through which reading a message asks for an enveloped part to be decrypted. */

export type DecryptOutcome =
  | { status: 'decrypted'; content: Buffer; algorithm: string; integrityProtected: boolean }
  | { status: 'not-a-recipient'; reason: string }
  | { status: 'error'; reason: string; algorithm?: string };

export interface Decryptor {
  /** Decrypts a CMS EnvelopedData or AuthEnvelopedData (ContentInfo, DER). Never throws. */
  decrypt(der: Buffer): Promise<DecryptOutcome>;
}
