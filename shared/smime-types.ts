/**
 * The S/MIME verdict of one message, as data: what the core decided about its signature and its
 * encryption. The renderer draws the badge and the details panel from this, outside the message's
 * DOM, and the CLI prints it (`sealmail inspect --json`). Plain data only.
 */
import type { CertificateValidation } from './certificates';

/**
 * valid: the MIME root is signed, the math holds, the chain reaches a trusted anchor with the
 *   emailProtection usage, the certificate is in force and the signer's address is the From address.
 * invalid: the signature does not match the content, or its structure is one Sealmail refuses.
 * untrusted: the math holds but the chain does not reach a trusted anchor (or lacks emailProtection).
 * expired: the signer's certificate (or one above it) is not in force at the time judged.
 * revoked: a CRL or OCSP responder says the certificate was revoked.
 * address-mismatch: a good signature by someone other than the single From address.
 * misleading-name: a good signature by the From address, but the name shown for the sender (display
 *   name, comment or group name, look-alikes folded) spells another address, which is what a person
 *   reads ("Johnny, You Are Fired!", USENIX Security 2019, display-name spoofing).
 * weak: a good signature made with SHA-1, which can be forged; not shown as valid.
 * partial: a signed part sits below an unsigned root; the message as a whole is not signed.
 * none: nothing is signed. error: the signature could not be read at all.
 */
export const SIGNATURE_STATUSES = [
  'valid',
  'invalid',
  'untrusted',
  'expired',
  'revoked',
  'address-mismatch',
  'misleading-name',
  'weak',
  'partial',
  'none',
  'error',
] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export const ENCRYPTION_STATUSES = ['none', 'decrypted', 'not-a-recipient', 'error'] as const;
export type EncryptionStatus = (typeof ENCRYPTION_STATUSES)[number];

/** How far the signer's certificate was validated. */
export type ValidationLevel =
  /** chain to a trusted anchor, emailProtection, in force, revocation checked and good */
  | 'trusted'
  /** as `trusted`, but no CRL or OCSP answer could be had (or the certificate names none) */
  | 'trusted-revocation-unknown'
  | 'untrusted'
  | 'expired'
  | 'revoked';

/** What a CRL or OCSP check said: 'could-not-check' is distinct from 'revoked'. */
export type RevocationState = 'good' | 'revoked' | 'could-not-check' | 'not-checked';

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprint256: string;
  validFrom: string;
  validTo: string;
  emails: string[];
  /** How much the CA checked about the holder, decided in the core (keystore/validation-level.ts). */
  validation: CertificateValidation;
}

export interface SignerSummary {
  email: string | null;
  name: string;
  validation: ValidationLevel;
  fingerprint256: string;
}

export interface SignatureDetails {
  /** ISO 8601 from the signingTime attribute, as the signer claims it. */
  signingTime: string | null;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** Signer first, anchor last (when one was reached). */
  chain: CertificateInfo[];
  revocation: RevocationState;
  revocationReason: string | null;
  /** Which algorithms the signer says it reads (smimeCapabilities), for encrypting to them later. */
  capabilities: { aesGcm: boolean; rsaOaep: boolean } | null;
  /** The signer's certificate, PEM, so the keystore can collect it. */
  signerCertificatePem: string | null;
}

export interface SignatureVerdict {
  status: SignatureStatus;
  signer: SignerSummary | null;
  /** One sentence a person can act on; null only when the status says it all (valid, none). */
  reason: string | null;
  details: SignatureDetails | null;
}

export interface EncryptionVerdict {
  status: EncryptionStatus;
  /** e.g. 'AES-256-GCM', 'AES-256-CBC', '3DES-CBC'. */
  algorithm: string | null;
  reason: string | null;
  /**
   * Whether the decrypted content is protected against tampering (AES-GCM, or a valid signature
   * inside). CBC-only content is not (EFAIL): remote content must never load for it.
   */
  integrityProtected: boolean;
}

export interface SmimeVerdict {
  signature: SignatureVerdict;
  encryption: EncryptionVerdict;
}
