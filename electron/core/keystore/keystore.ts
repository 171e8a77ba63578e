/**
 * The keystore as other services see it (S/MIME above all): own identities with their private keys,
 * correspondents' certificates, and the trust anchors the user added. Private keys are handed out
 * as Node KeyObjects inside the main process only; nothing here ever crosses to the renderer.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { CertificateView } from '../../../shared/certificates';

export type { CertificateView, CertificateValidation, CertificateWarning } from '../../../shared/certificates';

/** One of the user's own certificates with a private key, as summarised for lists and the UI. */
export interface IdentitySummary {
  certificate: CertificateView;
  /** The certificates above it that came in the same file, leaf's issuer first. */
  chain: CertificateView[];
  /** ISO time of import. */
  importedAt: string;
  /** The file it came from, for the user's memory ("alice.p12"). */
  sourceFile: string;
}

/** How a correspondent's certificate came to be known; collected ones never override the others. */
export type PersonCertificateSource = 'imported' | 'confirmed' | 'collected';

export interface PersonCertificate {
  certificate: CertificateView;
  source: PersonCertificateSource;
  firstSeen: string;
  lastSeen: string;
  /** What the signer's smimeCapabilities said it reads (e.g. { aesGcm: true, rsaOaep: false }). */
  capabilities: SignerCapabilities | null;
}

export interface PersonSummary {
  email: string;
  certificates: PersonCertificate[];
  /**
   * The certificate used to encrypt to this address, when one is valid now: the newest valid among
   * imported/confirmed ones, else the newest valid collected one.
   */
  encryptionFingerprint256: string | null;
  /** Set when a certificate was collected that differs from the ones known before it. */
  changed: { at: string; fingerprint256: string } | null;
}

export interface AuthoritySummary {
  certificate: CertificateView;
  addedAt: string;
}

/** Capabilities as the S/MIME layer reads them from a signature; stored as given. */
export type SignerCapabilities = Readonly<Record<string, boolean>>;

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
