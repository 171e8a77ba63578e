/**
 * Revocation through the certificate's CRL distribution point (RFC 5280 §4.2.1.13, §6.3): fetched
 * over http, signature checked against the issuer, kept in a cache until its nextUpdate so each
 * list is fetched once, and searched for the certificate's serial number.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeAsn1 } from '../cms/asn1';
import { extension, type SmimeCertificate } from '../cms/certificate';
import { OID } from '../cms/oids';
import { verifySignedObject } from '../trust/signed-object';
import type { HttpFetcher } from './http-fetch';
import type { RevocationAnswer } from './revocation-checker';

interface CachedCrl {
  crl: pkijs.CertificateRevocationList;
  nextUpdate: Date | null;
}

export class CrlChecker {
  private readonly cache = new Map<string, CachedCrl>();

  constructor(private readonly fetcher: HttpFetcher) {}

  /** The http URLs of the certificate's CRL distribution points. */
  static urlsOf(certificate: SmimeCertificate): string[] {
    const ext = extension(certificate, OID.crlDistributionPoints);
    if (!(ext?.parsedValue instanceof pkijs.CRLDistributionPoints)) return [];
    const urls: string[] = [];
    for (const point of ext.parsedValue.distributionPoints) {
      const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
      for (const name of names) if (name.type === 6 && typeof name.value === 'string' && name.value.startsWith('http://')) urls.push(name.value);
    }
    return urls;
  }

  /** Checks `certificate` against its issuer's CRL; 'not-checked' when it names no CRL. */
  async check(certificate: SmimeCertificate, issuer: SmimeCertificate, at: Date): Promise<RevocationAnswer> {
    const urls = CrlChecker.urlsOf(certificate);
    if (urls.length === 0) return { state: 'not-checked', reason: null };
    const problems: string[] = [];
    for (const url of urls) {
      try {
        const crl = await this.load(url, issuer, at);
        const serial = certificate.cert.serialNumber;
        const entry = crl.revokedCertificates?.find((revoked) => revoked.userCertificate.isEqual(serial));
        if (entry && entry.revocationDate.value <= at) {
          return { state: 'revoked', reason: `listed in the CRL since ${entry.revocationDate.value.toISOString()}` };
        }
        return { state: 'good', reason: null };
      } catch (error) {
        problems.push(`${url}: ${(error as Error).message}`);
      }
    }
    return { state: 'could-not-check', reason: `the CRL could not be used (${problems.join('; ')})` };
  }

  private async load(url: string, issuer: SmimeCertificate, at: Date): Promise<pkijs.CertificateRevocationList> {
    const cached = this.cache.get(url);
    if (cached && (!cached.nextUpdate || cached.nextUpdate > at)) return cached.crl;
    const bytes = await this.fetcher.fetch(url);
    const der = bytes.subarray(0, 10).toString('latin1').startsWith('-----')
      ? Buffer.from(bytes.toString('latin1').replace(/-----[^-]+-----|\s+/g, ''), 'base64')
      : bytes;
    const crl = new pkijs.CertificateRevocationList({ schema: decodeAsn1(der, 'the CRL') });
    if (!crl.issuer.isEqual(issuer.cert.subject)) throw new Error('the CRL was issued by someone else');
    if (!verifySignedObject(crl.tbsView, crl.signature, crl.signatureValue as asn1js.BitString, issuer.x509.publicKey)) {
      throw new Error('the CRL signature is not the issuer\'s');
    }
    const nextUpdate = crl.nextUpdate?.value ?? null;
    if (nextUpdate && nextUpdate < at) throw new Error(`the CRL is out of date (next update was due ${nextUpdate.toISOString()})`);
    this.cache.set(url, { crl, nextUpdate });
    return crl;
  }
}
