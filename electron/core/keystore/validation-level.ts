/**
 * The one rule for how much a CA checked about a certificate's holder: 'address-verified' (only
 * that they receive mail at the address) or 'identity-verified' (a person or organisation). The
 * certificate manager, the CLI and the signature badge all show what this file decides.
 *
 * In order, the first that applies decides:
 * 1. Policy OIDs (CA/Browser Forum S/MIME Baseline Requirements 7.1.6.1): mailbox-validated
 *    2.23.140.1.5.1.x is address verified; organization 5.2.x, sponsor 5.3.x and individual 5.4.x
 *    are identity verified, whatever the subject says (BR 7.1.4.2.2 lets even those put the address
 *    in the CN and the name in givenName/surname). A certificate claiming both gets the lesser.
 * 2. Markers of an unchecked subject anywhere in it: VeriSign Class 1's "Persona Not Validated" and
 *    "Digital ID Class 1" (as CN, or as an OU beside a CN the subscriber typed and nobody checked).
 * 3. A personal or organisation name (CN, givenName, surname, pseudonym, O) that is not a
 *    placeholder is identity verified; none is address verified. Placeholders are the names free
 *    e-mail certificates carried before (or instead of) a person was checked: "Thawte Freemail
 *    Member" (until a Web of Trust notary met the person), CAcert's "CAcert WoT User", StartCom's
 *    "... Free Certificate Member", and the address itself or its local part as the name (StartCom
 *    Class 1, CA/B mailbox-validated certificates).
 */
import type * as pkijs from 'pkijs';
import type { CertificateValidation } from '../../../shared/certificates';

const CERTIFICATE_POLICIES = '2.5.29.32';
const MAILBOX_VALIDATED = '2.23.140.1.5.1.';
const IDENTITY_VALIDATED = ['2.23.140.1.5.2.', '2.23.140.1.5.3.', '2.23.140.1.5.4.'];

// commonName, surname, organizationName, givenName, pseudonym (RFC 5280 appendix A, X.520).
const NAME_ATTRIBUTES = new Set(['2.5.4.3', '2.5.4.4', '2.5.4.10', '2.5.4.42', '2.5.4.65']);

/** Matched against a value folded by `fold` (lower case, punctuation and runs of spaces as one space). */
const UNCHECKED_MARKERS = [/(^| )persona not validated( |$)/, /(^| )digital id class 1( |$)/];
const PLACEHOLDER_NAMES = [/(^| )freemail member$/, /^cacert wot user$/, /(^| )free certificate member$/];

export interface SubjectAttribute {
  type: string;
  value: string;
}

/** The validation level of a parsed certificate whose addresses (SAN rfc822Name, subject E=) are `emails`. */
export function validationLevelOf(certificate: pkijs.Certificate, emails: readonly string[]): CertificateValidation {
  return validationLevel(policiesOf(certificate), subjectAttributes(certificate), emails);
}

/** The rule itself, on the certificate's policy OIDs, subject attributes and addresses. */
export function validationLevel(policies: readonly string[], subject: readonly SubjectAttribute[], emails: readonly string[]): CertificateValidation {
  if (policies.some((policy) => policy.startsWith(MAILBOX_VALIDATED))) return 'address-verified';
  if (policies.some((policy) => IDENTITY_VALIDATED.some((prefix) => policy.startsWith(prefix)))) return 'identity-verified';
  if (subject.some(({ value }) => UNCHECKED_MARKERS.some((marker) => marker.test(fold(value))))) return 'address-verified';
  const named = subject.some(({ type, value }) => NAME_ATTRIBUTES.has(type) && isName(value, emails));
  return named ? 'identity-verified' : 'address-verified';
}

/** Whether a subject value names someone, rather than standing in for a name nobody checked. */
function isName(value: string, emails: readonly string[]): boolean {
  const text = value.trim().toLowerCase();
  if (fold(text) === '' || text.includes('@')) return false;
  if (emails.some((email) => text === email.toLowerCase() || text === email.toLowerCase().split('@')[0])) return false;
  return !PLACEHOLDER_NAMES.some((placeholder) => placeholder.test(fold(text)));
}

function fold(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function policiesOf(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === CERTIFICATE_POLICIES);
  const parsed = extension?.parsedValue as pkijs.CertificatePolicies | undefined;
  return parsed?.certificatePolicies?.map((policy) => policy.policyIdentifier) ?? [];
}

/** The subject's attributes in order, values as text. */
export function subjectAttributes(certificate: pkijs.Certificate): SubjectAttribute[] {
  return certificate.subject.typesAndValues.map((entry) => ({
    type: entry.type,
    value: String((entry.value.valueBlock as { value?: unknown }).value ?? ''),
  }));
}
