/** How a certificate is described wherever it is shown: the same summary in the core, CLI and renderer. */

/**
 * 'address-verified': the CA checked only control of the mailbox (CA/B Forum mailbox-validated
 * policy 2.23.140.1.5.1.x, or no personal name in the subject). 'identity-verified': a person or
 * organisation was checked (policies 2.23.140.1.5.2/3/4.x, or a name bound by the CA).
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

export const VALIDATION_LABELS: Record<CertificateValidation, string> = {
  'address-verified': 'Address verified',
  'identity-verified': 'Identity verified',
};

export const WARNING_LABELS: Record<CertificateWarning, string> = {
  expired: 'This certificate has expired.',
  'not-yet-valid': 'This certificate is not valid yet.',
  'no-email-protection': 'This certificate is not meant for e-mail (it lacks the emailProtection usage).',
};
