/** The port through which verification asks whether a certificate was revoked (CRL, OCSP, or both). */
import type { RevocationState } from '../../../../shared/smime-types';
import type { SmimeCertificate } from '../cms/certificate';

export interface RevocationAnswer {
  state: RevocationState;
  reason: string | null;
}

export interface RevocationChecker {
  /** Whether `certificate`, issued by `issuer`, was revoked as of `at`. Never throws. */
  check(certificate: SmimeCertificate, issuer: SmimeCertificate, at: Date): Promise<RevocationAnswer>;
}
