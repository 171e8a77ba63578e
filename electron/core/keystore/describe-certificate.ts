/**
 * Turns a certificate into the summary shown everywhere (UI, CLI, S/MIME): who it is for, how long
 * it holds, and how much the CA checked, i.e. its validation level (issue 4, item 4).
 */
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { CertificateValidation, CertificateView, CertificateWarning } from '../../../shared/certificates';

const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';
const CERTIFICATE_POLICIES = '2.5.29.32';
// CA/Browser Forum S/MIME Baseline Requirements, section 7.1.6.1.
const MAILBOX_VALIDATED = '2.23.140.1.5.1.';
const IDENTITY_VALIDATED = ['2.23.140.1.5.2.', '2.23.140.1.5.3.', '2.23.140.1.5.4.'];

const ATTRIBUTE = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  organization: '2.5.4.10',
  givenName: '2.5.4.42',
  pseudonym: '2.5.4.65',
  emailAddress: '1.2.840.113549.1.9.1',
};

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
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    emails: emailsOf(certificate, attributes),
    fingerprint256: certificate.fingerprint256,
    serialNumber: certificate.serialNumber,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validation: validationLevel(policiesOf(parsed), attributes),
    isAuthority: certificate.ca,
    keyType: keyTypeOf(certificate),
    warnings,
  };
}

/**
 * Policy OIDs decide when present; otherwise a personal or organisation name in the subject means
 * the CA bound a name, and a subject holding only an address (or the old 'Persona Not Validated')
 * means it checked only the mailbox.
 */
export function validationLevel(policies: string[], attributes: { type: string; value: string }[]): CertificateValidation {
  if (policies.some((policy) => IDENTITY_VALIDATED.some((prefix) => policy.startsWith(prefix)))) return 'identity-verified';
  if (policies.some((policy) => policy.startsWith(MAILBOX_VALIDATED))) return 'address-verified';
  const named = attributes.some(({ type, value }) => {
    if (type === ATTRIBUTE.organization || type === ATTRIBUTE.givenName || type === ATTRIBUTE.surname || type === ATTRIBUTE.pseudonym) return value.trim() !== '';
    if (type === ATTRIBUTE.commonName) {
      const name = value.trim();
      return name !== '' && !name.includes('@') && !/^persona not validated$/i.test(name);
    }
    return false;
  });
  return named ? 'identity-verified' : 'address-verified';
}

function subjectAttributes(certificate: pkijs.Certificate): { type: string; value: string }[] {
  return certificate.subject.typesAndValues.map((entry) => ({
    type: entry.type,
    value: String((entry.value.valueBlock as { value?: unknown }).value ?? ''),
  }));
}

function policiesOf(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === CERTIFICATE_POLICIES);
  const parsed = extension?.parsedValue as pkijs.CertificatePolicies | undefined;
  return parsed?.certificatePolicies.map((policy) => policy.policyIdentifier) ?? [];
}

function emailsOf(certificate: X509Certificate, attributes: { type: string; value: string }[]): string[] {
  const fromAltName = (certificate.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('email:'))
    .map((entry) => entry.slice('email:'.length));
  const fromSubject = attributes.filter((a) => a.type === ATTRIBUTE.emailAddress).map((a) => a.value);
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
