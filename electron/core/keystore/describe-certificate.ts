/**
 * Turns a certificate into the summary shown everywhere (UI, CLI, S/MIME): who it is for, how long
 * it holds, and how much the CA checked, i.e. its validation level (the rule: ./validation-level.ts).
 */
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertificateView, CertificateWarning } from '../../../shared/certificates';
import { subjectAttributes, validationLevelOf, type SubjectAttribute } from './validation-level';

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';
const EMAIL_ADDRESS = '1.2.840.113549.1.9.1';

/** Builds the view of a certificate as it stands at `now`. */
export function describeCertificate(certificate: X509Certificate, now: Date): CertificateView {
  const parsed = pkijs.Certificate.fromBER(certificate.raw);
  const attributes = subjectAttributes(parsed);
  const notBefore = new Date(certificate.validFrom);
  const notAfter = new Date(certificate.validTo);
  const warnings: CertificateWarning[] = [];
  if (now > notAfter) warnings.push('expired');
  if (now < notBefore) warnings.push('not-yet-valid');
  const usages = certificate.keyUsage; // Node names the extended key usages so
  if (!certificate.ca && usages && !usages.includes(EMAIL_PROTECTION) && !usages.includes(ANY_EXTENDED_KEY_USAGE)) {
    warnings.push('no-email-protection');
  }
  const emails = emailsOf(certificate, attributes);
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    emails,
    fingerprint256: certificate.fingerprint256,
    serialNumber: certificate.serialNumber,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validation: validationLevelOf(parsed, emails),
    isAuthority: certificate.ca,
    keyType: keyTypeOf(certificate),
    warnings,
  };
}

function emailsOf(certificate: X509Certificate, attributes: SubjectAttribute[]): string[] {
  const fromAltName = (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('email:'))
    .map((entry) => entry.slice('email:'.length));
  const fromSubject = attributes.filter((a) => a.type === EMAIL_ADDRESS).map((a) => a.value);
  return [...new Set([...fromAltName, ...fromSubject].map((email) => email.trim().toLowerCase()).filter(Boolean))];
}

function keyTypeOf(certificate: X509Certificate): string {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return `RSA ${details?.modulusLength ?? ''}`.trim();
  if (key.asymmetricKeyType === 'ec') return `EC ${details?.namedCurve === 'prime256v1' ? 'P-256' : (details?.namedCurve ?? '')}`.trim();
  return (key.asymmetricKeyType ?? 'unknown').toUpperCase();
}

function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
