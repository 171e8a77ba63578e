/**
 * Where a recipient's certificate came from, for their chip in the composer: a short tag beside the
 * address and the words a screen reader hears. DNS is said as "published by the domain", never as
 * a verified identity.
 */
import type { CertificateLookup } from '../../shared/certificate-lookup-types';
import type { PersonCertificateSource } from '../../shared/certificates';

const ORIGINS: Record<PersonCertificateSource, { tag: string; words: string }> = {
  collected: { tag: 'mail', words: 'from their signed mail' },
  imported: { tag: 'file', words: 'imported by you' },
  confirmed: { tag: 'confirmed', words: 'confirmed by you' },
  vcard: { tag: 'vCard', words: 'from a vCard' },
  directory: { tag: 'directory', words: 'from your directory' },
  dns: { tag: 'DNS', words: 'published by the domain in DNS (SMIMEA)' },
};

export function certificateOrigin(lookup: CertificateLookup | undefined): { tag: string; words: string } | null {
  return lookup?.certificateSource ? ORIGINS[lookup.certificateSource] : null;
}
