/**
 * Correspondents' certificates (issue 4, item 5): what is known per address, how a newly seen
 * certificate is added without ever displacing one the user imported or confirmed, and which
 * certificate encryption uses.
 */
import { X509Certificate } from 'node:crypto';
import { describeCertificate } from './describe-certificate';
import { isFoundSource } from '../../../shared/certificates';
import type { CollectOutcome, PersonCertificateSource, PersonSummary, SignerCapabilities } from './keystore';
import type { KeystoreData, PersonRecord } from './keystore-data';

/** Found certificates rank alike: none of them ever overrides what the user imported or confirmed. */
const TRUST_RANK: Record<PersonCertificateSource, number> = { collected: 0, vcard: 0, directory: 0, dns: 0, imported: 1, confirmed: 2 };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Adds (or refreshes) a certificate for an address in `data`, in place. A certificate already known
 * keeps the stronger of its sources; a different one is kept beside the others, and when it was
 * only found (collected from mail, read from a vCard, a directory or DNS) the address is flagged as
 * changed so the UI can show it.
 */
export function addPersonCertificate(
  data: KeystoreData,
  email: string,
  der: Buffer,
  source: PersonCertificateSource,
  now: Date,
  capabilities: SignerCapabilities | null = null,
): CollectOutcome['result'] {
  const address = normaliseEmail(email);
  let person = data.people.find((p) => p.email === address);
  if (!person) {
    person = { email: address, certificates: [], changed: null };
    data.people.push(person);
  }
  const encoded = der.toString('base64');
  const at = now.toISOString();
  const known = person.certificates.find((c) => c.der === encoded);
  if (known) {
    known.lastSeen = at;
    if (capabilities) known.capabilities = capabilities;
    if (TRUST_RANK[source] > TRUST_RANK[known.source]) known.source = source;
    return 'refreshed';
  }
  const first = person.certificates.length === 0;
  person.certificates.push({ der: encoded, source, firstSeen: at, lastSeen: at, capabilities });
  if (first) return 'added';
  if (isFoundSource(source)) person.changed = { at, fingerprint256: new X509Certificate(der).fingerprint256 };
  return 'changed';
}

/** The summary of one person at `now`, with the certificate encryption should use. */
export function summarisePerson(person: PersonRecord, now: Date): PersonSummary {
  const certificates = person.certificates.map((record) => ({
    certificate: describeCertificate(new X509Certificate(Buffer.from(record.der, 'base64')), now),
    source: record.source,
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
    capabilities: record.capabilities,
  }));
  const usable = certificates.filter((c) => c.certificate.warnings.length === 0);
  const newest = (list: typeof usable) => [...list].sort((a, b) => b.certificate.notBefore.localeCompare(a.certificate.notBefore))[0];
  // A certificate merely found (in mail, a vCard, a directory, DNS) never wins over one the user vouched for while that one holds.
  const chosen = newest(usable.filter((c) => !isFoundSource(c.source))) ?? newest(usable);
  return {
    email: person.email,
    certificates,
    encryptionFingerprint256: chosen?.certificate.fingerprint256 ?? null,
    changed: person.changed,
  };
}
