/**
 * How certificates are described wherever they are shown (core, CLI, renderer): plain data, never
 * a private key. The keystore's service interface is electron/core/keystore/keystore.ts.
 */

/**
 * 'address-verified': the CA checked only control of the mailbox. 'identity-verified': it checked a
 * person or organisation. Decided in one place, electron/core/keystore/validation-level.ts: policy
 * OIDs first (CA/B Forum S/MIME BR 7.1.6.1: 2.23.140.1.5.1.x mailbox; 5.2/5.3/5.4.x identity), then
 * markers of an unchecked subject ("Persona Not Validated"), then a name in the subject that is not
 * a placeholder ("Thawte Freemail Member", "CAcert WoT User", the address or its local part).
 */
export type CertificateValidation = 'address-verified' | 'identity-verified';

export type CertificateWarning = 'expired' | 'not-yet-valid' | 'no-email-protection';

export interface CertificateView {
  subject: string;
  issuer: string;
  /** Addresses the certificate is for (subjectAltName rfc822Name, else the subject's emailAddress). */
  emails: string[];
  /** SHA-256 of the DER, colon-separated upper-case hex, as Node and OpenSSL print it. */
  fingerprint256: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  validation: CertificateValidation;
  isAuthority: boolean;
  keyType: string;
  warnings: CertificateWarning[];
}

/** One of the user's own certificates with a private key, as summarised for lists and the UI. */
export interface IdentitySummary {
  certificate: CertificateView;
  /** The certificates above it that came in the same file, leaf's issuer first. */
  chain: CertificateView[];
  /** ISO time of import. */
  importedAt: string;
  /** The file it came from, for the user's memory ("alice.p12"). */
  sourceFile: string;
  /**
   * Set by the core when the certificate expires within RENEWAL_NOTICE_DAYS (and has not yet):
   * time to renew it with the certificate authority. Absent or null otherwise.
   */
  renewal?: RenewalNotice | null;
}

/** How long before one's own certificate expires the user is told to renew it. */
export const RENEWAL_NOTICE_DAYS = 30;

export interface RenewalNotice {
  /** The day it expires, YYYY-MM-DD (UTC). */
  expiresOn: string;
  /** Calendar days (UTC) from today to expiresOn; 0 when it expires today. */
  inDays: number;
}

/** The renewal notice for one's own certificate at `now`, or null when it is far off, or already past. */
export function renewalNotice(certificate: Pick<CertificateView, 'notAfter'>, now: Date): RenewalNotice | null {
  const left = new Date(certificate.notAfter).getTime() - now.getTime();
  if (left < 0 || left > RENEWAL_NOTICE_DAYS * DAY_MS) return null;
  const expiresOn = certificate.notAfter.slice(0, 10);
  // Calendar days, so "in 12 days" agrees with the date printed beside it.
  return { expiresOn, inDays: Math.round((Date.parse(expiresOn) - Date.parse(now.toISOString().slice(0, 10))) / DAY_MS) };
}

const DAY_MS = 86_400_000;

/** "expires on 2027-01-02, in 12 days: renew it with your certificate authority" (CLI and app alike). */
export function renewalSentence(notice: RenewalNotice): string {
  const when = notice.inDays === 0 ? 'today' : notice.inDays === 1 ? 'in 1 day' : `in ${notice.inDays} days`;
  return `expires on ${notice.expiresOn}, ${when}: renew it with your certificate authority`;
}

/**
 * Why one's own certificate cannot sign now, or null when it can: an expired (or not yet valid)
 * identity still decrypts old mail, but is never used to sign or to encrypt new mail.
 */
export function signingRefusal(certificate: Pick<CertificateView, 'notAfter' | 'notBefore' | 'warnings'>): string | null {
  if (certificate.warnings.includes('expired')) return `your certificate expired on ${certificate.notAfter.slice(0, 10)}; import a renewed one to sign and encrypt`;
  if (certificate.warnings.includes('not-yet-valid')) return `your certificate is not valid until ${certificate.notBefore.slice(0, 10)}; it can sign from then on`;
  return null;
}

/**
 * How a correspondent's certificate came to be known. 'imported' (a certificate file the user
 * added) and 'confirmed' (vouched for by the user) are the user's word; the others were found:
 * 'collected' from a validly signed message, 'vcard' from a contacts file (RFC 6350 KEY),
 * 'directory' from an LDAP directory, 'dns' from an SMIMEA record (RFC 8162). Found ones never
 * override the user's word, and a different found one beside a known certificate flags a change.
 */
export type PersonCertificateSource = 'imported' | 'confirmed' | 'collected' | 'vcard' | 'directory' | 'dns';

/** Sources that were found rather than vouched for by the user (see PersonCertificateSource). */
export const FOUND_SOURCES: readonly PersonCertificateSource[] = ['collected', 'vcard', 'directory', 'dns'];

export function isFoundSource(source: PersonCertificateSource): boolean {
  return FOUND_SOURCES.includes(source);
}

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
   * imported/confirmed ones, else the newest valid found one.
   */
  encryptionFingerprint256: string | null;
  /** Set when a certificate was found (collected, vCard, directory, DNS) that differs from the ones known before it. */
  changed: { at: string; fingerprint256: string } | null;
}

export interface AuthoritySummary {
  certificate: CertificateView;
  addedAt: string;
}

/** Capabilities as the S/MIME layer reads them from a signature; stored as given. */
export type SignerCapabilities = Readonly<Record<string, boolean>>;

/** Whether the keystore can be used now, and what protects it. */
export interface KeystoreStatus {
  state: 'missing' | 'locked' | 'unlocked';
  protection: 'os-keychain' | 'passphrase';
}

/** Everything the certificate manager lists. */
export interface KeystoreOverview {
  identities: IdentitySummary[];
  people: PersonSummary[];
  authorities: AuthoritySummary[];
  /** accountId -> fingerprint256 of the identity chosen for that account. */
  accountIdentities: Record<string, string>;
}

/**
 * What importing a file gave: the identities it held, or (a file with certificates but no private
 * key) those certificates, so the user can add them as people or authorities instead.
 */
export type ImportOutcome =
  | { kind: 'identities'; identities: IdentitySummary[]; alreadyPresent: number }
  | { kind: 'certificates-only'; certificates: CertificateView[]; message: string };

/**
 * What importing a contacts file (.vcf) gave: the people whose certificates were added (or were
 * already known), and each certificate or card refused, with why. Nothing refused was stored.
 */
export interface ContactImportOutcome {
  added: PersonSummary[];
  refused: { contact: string; reason: string }[];
}

export const VALIDATION_LABELS: Record<CertificateValidation, string> = {
  'address-verified': 'Address verified',
  'identity-verified': 'Identity verified',
};

export const WARNING_LABELS: Record<CertificateWarning, string> = {
  expired: 'This certificate has expired.',
  'not-yet-valid': 'This certificate is not valid yet.',
  'no-email-protection': 'This certificate is not meant for e-mail (it lacks the emailProtection usage).',
};
