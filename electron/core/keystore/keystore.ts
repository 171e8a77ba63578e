/**
 * The keystore as other services see it (S/MIME above all): own identities with their private keys,
 * correspondents' certificates, and the trust anchors the user added. Private keys are handed out
 * as Node KeyObjects inside the main process only; nothing here ever crosses to the renderer.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { IdentitySummary, PersonSummary, SignerCapabilities } from '../../../shared/certificates';

export type {
  AuthoritySummary,
  CertificateValidation,
  CertificateView,
  CertificateWarning,
  IdentitySummary,
  PersonCertificate,
  PersonCertificateSource,
  PersonSummary,
  SignerCapabilities,
} from '../../../shared/certificates';

/** What collectSigner needs to know about the message the certificate was read from. */
export interface CollectContext {
  /** The From address the verified signature was bound to (already matched by the caller). */
  email: string;
  /** When the message was read (the clock's now, normally). */
  seenAt?: Date;
}

export interface CollectOutcome {
  /**
   * 'added': the first certificate for this address; 'refreshed': already known (capabilities and
   * lastSeen updated); 'changed': a different certificate than those known, kept beside them.
   */
  result: 'added' | 'refreshed' | 'changed';
  person: PersonSummary;
}

/**
 * The keystore service interface consumed by other core services. All methods throw
 * SealmailError('KEYSTORE_LOCKED') while the keystore is locked.
 */
export interface Keystore {
  /** The user's own certificates with private keys. */
  identities(): Promise<IdentitySummary[]>;
  /** The identity chosen for an account (or the newest valid one whose certificate carries its address). */
  identityForAccount(accountId: string, address: string): Promise<IdentitySummary | null>;
  /** The private key of an identity, by its certificate's SHA-256 fingerprint (colon-separated hex, upper case). */
  privateKeyFor(fingerprint256: string): Promise<KeyObject>;
  /** The identity's leaf certificate followed by the chain that came with it. */
  certificateChain(fingerprint256: string): Promise<X509Certificate[]>;
  /** What is known about a correspondent's address (lower-cased), or null. */
  personFor(email: string): Promise<PersonSummary | null>;
  /** The certificate to encrypt to an address, per PersonSummary.encryptionFingerprint256, or null. */
  encryptionCertificateFor(email: string): Promise<X509Certificate | null>;
  /**
   * Stores the certificate of a validly signed message for its sender. Never replaces a certificate
   * the user imported or confirmed; a different certificate is kept beside it and flagged as a change.
   */
  collectSigner(certificate: X509Certificate, capabilities: SignerCapabilities | null, context: CollectContext): Promise<CollectOutcome>;
  /** Trust anchors the user added (besides the system roots), as PEM. */
  authorityPems(): Promise<string[]>;
}
