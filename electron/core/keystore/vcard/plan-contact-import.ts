/**
 * Decides which certificates of a contacts file become people, under the rules harvesting from
 * signed mail follows: a certificate is kept only for the card's addresses it names itself
 * (rfc822Name in subjectAltName, else the subject's emailAddress), only when it is a valid
 * end-entity certificate for e-mail protection. Everything else is refused with a reason. Pure:
 * the keystore service stores what this accepts.
 */
import { X509Certificate } from 'node:crypto';
import { describeCertificate } from '../describe-certificate';
import { describe, readVcards } from './read-vcards';

/** A certificate is a few kilobytes; anything far larger in a KEY is not one worth keeping. */
export const MAX_VCARD_CERTIFICATE_BYTES = 64 * 1024;

export interface AcceptedCertificate {
  email: string;
  der: Buffer;
}

export interface ContactRefusal {
  /** The card, as the user knows it ("Bob Example <bob@example.test>"), or "the file". */
  contact: string;
  reason: string;
}

export interface ContactImportPlan {
  accepted: AcceptedCertificate[];
  refused: ContactRefusal[];
}

export function planContactImport(vcf: Uint8Array, now: Date): ContactImportPlan {
  const file = readVcards(vcf);
  const accepted: AcceptedCertificate[] = [];
  const refused: ContactRefusal[] = file.skipped.map((reason) => ({ contact: 'the file', reason: capitalise(reason) }));
  for (const contact of file.contacts) {
    const who = describe(contact);
    for (const reason of contact.skipped) refused.push({ contact: who, reason: `The card holds ${reason}.` });
    if (contact.certificates.length > 0 && contact.emails.length === 0) {
      refused.push({ contact: who, reason: 'The card has a certificate but no e-mail address to keep it for.' });
      continue;
    }
    for (const der of contact.certificates) {
      const verdict = judge(der, contact.emails, now);
      if ('reason' in verdict) refused.push({ contact: who, reason: verdict.reason });
      else for (const email of verdict.emails) accepted.push({ email, der });
    }
  }
  return { accepted, refused };
}

function judge(der: Buffer, cardEmails: string[], now: Date): { emails: string[] } | { reason: string } {
  if (der.length > MAX_VCARD_CERTIFICATE_BYTES) return { reason: `The card's KEY is ${Math.round(der.length / 1024)} KB, too large to be a certificate (over 64 KB).` };
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    return { reason: "The card's KEY is not an X.509 certificate." };
  }
  const view = describeCertificate(certificate, now);
  if (view.isAuthority) return { reason: `The card's certificate is a certificate authority (${view.subject}); add it under Authorities if you trust it.` };
  if (view.warnings.includes('no-email-protection')) return { reason: `The card's certificate for ${view.emails.join(', ') || view.subject} is not meant for e-mail (it lacks the emailProtection usage).` };
  if (view.warnings.includes('expired')) return { reason: `The card's certificate for ${view.emails.join(', ') || view.subject} expired on ${view.notAfter.slice(0, 10)}.` };
  if (view.warnings.includes('not-yet-valid')) return { reason: `The card's certificate for ${view.emails.join(', ') || view.subject} is not valid until ${view.notBefore.slice(0, 10)}.` };
  const emails = cardEmails.filter((email) => view.emails.includes(email));
  if (emails.length === 0) {
    const named = view.emails.length ? view.emails.join(', ') : 'no e-mail address';
    return { reason: `The card's certificate is for ${named}, not for an address on the card (${cardEmails.join(', ')}).` };
  }
  return { emails };
}

function capitalise(sentence: string): string {
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
