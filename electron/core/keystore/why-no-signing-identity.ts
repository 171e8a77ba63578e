/**
 * Why an address has no identity to sign with when it does have certificates: they expired (or are
 * not valid yet). Those still decrypt old mail; this only words the refusal for the composer's
 * readiness and for sending ("your certificate expired on 2027-01-02; import a renewed one to sign and encrypt").
 */
import { signingRefusal } from '../../../shared/certificates';
import type { Keystore } from './keystore';

/** The refusal for the newest of the address's own certificates, or null when it has none (or on any failure). */
export async function whyNoSigningIdentity(keystore: Partial<Pick<Keystore, 'identities'>>, address: string): Promise<string | null> {
  if (!keystore.identities) return null;
  try {
    const wanted = address.trim().toLowerCase();
    const own = (await keystore.identities())
      .filter((i) => i.certificate.emails.includes(wanted))
      .sort((a, b) => b.certificate.notAfter.localeCompare(a.certificate.notAfter));
    for (const identity of own) {
      const refusal = signingRefusal(identity.certificate);
      if (refusal) return refusal.replace('your certificate', `your certificate for ${address}`);
    }
    return null;
  } catch {
    return null;
  }
}
