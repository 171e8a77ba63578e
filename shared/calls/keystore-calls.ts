/**
 * Calls of the certificate manager: the keystore's lock, the user's identities, people and
 * authorities. Files cross as base64 (a browser cannot hand over a path); passwords and
 * passphrases travel only towards the core, and results carry certificate summaries, never keys.
 */
import { z } from 'zod';
import type { AuthoritySummary, CertificateView, ContactImportOutcome, ImportOutcome, KeystoreOverview, KeystoreStatus, PersonSummary } from '../certificates';
import { emailAddress, emptyInput } from '../inputs';
import { call } from './call-spec';

/** Certificate files are small; 1 MB of file is ~1.4 MB of base64. */
export const MAX_CERTIFICATE_FILE_BYTES = 1_000_000;

/** A contacts file with certificates in it stays well under 1 MB. */
export const MAX_CONTACTS_FILE_BYTES = 1_000_000;

const passphrase = z.string().min(1, 'Enter the passphrase.').max(1024);
const fingerprint256 = z.string().trim().regex(/^[0-9A-Fa-f:\s]{64,128}$/, 'That is not a SHA-256 fingerprint.');

const certificateFile = z.object({
  fileName: z.string().trim().min(1).max(255),
  data: z
    .string()
    .max(Math.ceil(MAX_CERTIFICATE_FILE_BYTES / 3) * 4 + 4, 'That file is too large to be a certificate (over 1 MB).')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file did not arrive intact.'),
  /** The .p12 password; empty for files without one (or with an empty one). */
  password: z.string().max(1024).default(''),
});

const contactsFile = z.object({
  fileName: z.string().trim().min(1).max(255),
  data: z
    .string()
    .max(Math.ceil(MAX_CONTACTS_FILE_BYTES / 3) * 4 + 4, 'That contacts file is too large (over 1 MB).')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file did not arrive intact.'),
});

export const keystoreCalls = {
  /** Whether the keystore exists and is open; with the OS keychain it opens (or is created) silently. */
  keystoreStatus: call<KeystoreStatus>()(emptyInput),
  /** Creates the keystore under a passphrase (where there is no OS keychain). */
  createKeystore: call<KeystoreStatus>()(z.object({ passphrase })),
  unlockKeystore: call<KeystoreStatus>()(z.object({ passphrase })),
  listKeystore: call<KeystoreOverview>()(emptyInput),
  /** Imports the identities of a .p12/.pfx; a file without a private key comes back as certificates. */
  importIdentity: call<ImportOutcome>()(certificateFile),
  /** Describes the certificates of a file without storing anything (for a fingerprint confirmation). */
  inspectCertificates: call<CertificateView[]>()(certificateFile),
  addPeople: call<PersonSummary[]>()(certificateFile),
  /** Adds the certificates of a contacts file (.vcf) as people ('vcard'); refused ones come back with reasons. */
  importContacts: call<ContactImportOutcome>()(contactsFile),
  /** Adds the CA certificate the user confirmed by its fingerprint. */
  addAuthority: call<AuthoritySummary>()(certificateFile.extend({ fingerprint256 })),
  removeAuthority: call<{ removed: true }>()(z.object({ fingerprint256 })),
  removeIdentity: call<{ removed: true }>()(z.object({ fingerprint256 })),
  /** The public certificate (with its chain) as PEM, for the renderer to offer as a download. */
  exportCertificate: call<{ fileName: string; pem: string }>()(z.object({ fingerprint256 })),
  chooseAccountIdentity: call<{ chosen: true }>()(z.object({ accountId: z.string().min(1).max(100), fingerprint256: fingerprint256.nullable() })),
  confirmPersonCertificate: call<PersonSummary>()(z.object({ email: emailAddress, fingerprint256 })),
  removePersonCertificate: call<{ removed: true }>()(z.object({ email: emailAddress, fingerprint256 })),
} as const;
