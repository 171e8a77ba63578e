/**
 * Answers "was this certificate revoked?" by OCSP where the certificate names a responder, then by
 * its CRL. 'revoked' only on a signed answer saying so; 'could-not-check' when every source failed,
 * distinct from 'revoked'; 'not-checked' when the certificate names no source at all.
 */
import type * as pkijs from 'pkijs';
import type { SmimeCertificate } from '../cms/certificate';
import { CrlChecker } from './crl-check';
import type { HttpFetcher } from './http-fetch';
import { OcspChecker } from './ocsp-check';
import type { RevocationAnswer, RevocationChecker } from './revocation-checker';

export class RevocationService implements RevocationChecker {
  private readonly ocsp: OcspChecker;
  private readonly crl: CrlChecker;

  constructor(fetcher: HttpFetcher, engine: pkijs.ICryptoEngine) {
    this.ocsp = new OcspChecker(fetcher, engine);
    this.crl = new CrlChecker(fetcher);
  }

  /** OCSP first (fresher), CRL when OCSP gave no answer. Never throws. */
  async check(certificate: SmimeCertificate, issuer: SmimeCertificate, at: Date): Promise<RevocationAnswer> {
    try {
      const byOcsp = await this.ocsp.check(certificate, issuer, at);
      if (byOcsp.state === 'good' || byOcsp.state === 'revoked') return byOcsp;
      const byCrl = await this.crl.check(certificate, issuer, at);
      if (byCrl.state !== 'not-checked') {
        return byCrl.state === 'could-not-check' && byOcsp.reason ? { state: byCrl.state, reason: `${byOcsp.reason}; ${byCrl.reason}` } : byCrl;
      }
      return byOcsp;
    } catch (error) {
      return { state: 'could-not-check', reason: (error as Error).message };
    }
  }
}
