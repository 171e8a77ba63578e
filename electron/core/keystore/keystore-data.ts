/**
 * What the keystore holds once decrypted: plain records, DER and PKCS#8 as base64. Only ever kept in
 * memory and inside the sealed file, never written elsewhere.
 */
import type { PersonCertificateSource, SignerCapabilities } from './keystore';

export interface IdentityRecord {
  certificate: string;
  chain: string[];
  /** PKCS#8 PrivateKeyInfo, DER, base64. */
  privateKey: string;
  importedAt: string;
  sourceFile: string;
}

export interface PersonCertificateRecord {
  der: string;
  source: PersonCertificateSource;
  firstSeen: string;
  lastSeen: string;
  capabilities: SignerCapabilities | null;
}

export interface PersonRecord {
  email: string;
  certificates: PersonCertificateRecord[];
  changed: { at: string; fingerprint256: string } | null;
}

export interface AuthorityRecord {
  der: string;
  addedAt: string;
}

export interface KeystoreData {
  identities: IdentityRecord[];
  people: PersonRecord[];
  authorities: AuthorityRecord[];
  /** accountId -> fingerprint256 of the identity chosen for it. */
  accountIdentities: Record<string, string>;
}

export function emptyKeystoreData(): KeystoreData {
  return { identities: [], people: [], authorities: [], accountIdentities: {} };
}

/** Checks the decrypted JSON has the shape this version writes; anything else is refused, not guessed at. */
export function isKeystoreData(value: unknown): value is KeystoreData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    Array.isArray(data.identities) &&
    Array.isArray(data.people) &&
    Array.isArray(data.authorities) &&
    typeof data.accountIdentities === 'object' &&
    data.accountIdentities !== null
  );
}
