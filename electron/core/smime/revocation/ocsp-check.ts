/**
 * Revocation through OCSP (RFC 6960) where the certificate names a responder in its Authority
 * Information Access: a request built with pkijs (hashing through the crypto engine passed in),
 * POSTed over http, and a response trusted only when signed by the issuer or by a responder the
 * issuer delegated with id-kp-OCSPSigning (RFC 6960 §4.2.2.2), for this very certificate, current.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeAsn1, toBuffer } from '../cms/asn1';
import { certificateFromDer, extendedKeyUsages, extension, type SmimeCertificate } from '../cms/certificate';
import { OID } from '../cms/oids';
import { verifySignedObject } from '../trust/signed-object';
import type { HttpFetcher } from './http-fetch';
import type { RevocationAnswer } from './revocation-checker';

/** How old a response without nextUpdate may be before it is no longer believed. */
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;
/** Tolerance for clocks that disagree a little. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export class OcspChecker {
  constructor(private readonly fetcher: HttpFetcher, private readonly engine: pkijs.ICryptoEngine) {}

  static urlsOf(certificate: SmimeCertificate): string[] {
    const ext = extension(certificate, OID.authorityInfoAccess);
    if (!(ext?.parsedValue instanceof pkijs.InfoAccess)) return [];
    return ext.parsedValue.accessDescriptions
      .filter((d) => d.accessMethod === OID.ocspAccess && d.accessLocation.type === 6 && typeof d.accessLocation.value === 'string')
      .map((d) => d.accessLocation.value as string)
      .filter((url) => url.startsWith('http://'));
  }

  async check(certificate: SmimeCertificate, issuer: SmimeCertificate, at: Date): Promise<RevocationAnswer> {
    const urls = OcspChecker.urlsOf(certificate);
    if (urls.length === 0) return { state: 'not-checked', reason: null };
    const problems: string[] = [];
    for (const url of urls) {
      try {
        return await this.ask(url, certificate, issuer, at);
      } catch (error) {
        problems.push(`${url}: ${(error as Error).message}`);
      }
    }
    return { state: 'could-not-check', reason: `the OCSP responder could not be used (${problems.join('; ')})` };
  }

  private async ask(url: string, certificate: SmimeCertificate, issuer: SmimeCertificate, at: Date): Promise<RevocationAnswer> {
    const request = new pkijs.OCSPRequest();
    await request.createForCertificate(certificate.cert, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer.cert }, this.engine);
    const certId = request.tbsRequest.requestList[0]!.reqCert;
    const answer = await this.fetcher.fetch(url, { body: Buffer.from(request.toSchema(true).toBER(false)), contentType: 'application/ocsp-request' });
    const response = new pkijs.OCSPResponse({ schema: decodeAsn1(answer, 'the OCSP response') });
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) throw new Error(`the responder refused (status ${status})`);
    if (!response.responseBytes || response.responseBytes.responseType !== OID.ocspBasic) throw new Error('the response is not a basic OCSP response');
    const basic = new pkijs.BasicOCSPResponse({ schema: decodeAsn1(toBuffer(response.responseBytes.response.valueBlock.valueHexView), 'the OCSP response') });
    const signer = this.responseSigner(basic, issuer, at);
    if (!verifySignedObject(basic.tbsResponseData.tbsView, basic.signatureAlgorithm, basic.signature, signer.x509.publicKey)) {
      throw new Error('the response signature does not verify');
    }
    const single = basic.tbsResponseData.responses.find((r) => r.certID.isEqual(certId));
    if (!single) throw new Error('the response is about another certificate');
    if (single.thisUpdate.getTime() > at.getTime() + CLOCK_SKEW_MS) throw new Error('the response is dated in the future');
    const expires = single.nextUpdate ? single.nextUpdate.getTime() : single.thisUpdate.getTime() + MAX_AGE_MS;
    if (expires < at.getTime() - CLOCK_SKEW_MS) throw new Error('the response is out of date');
    const tag = (single.certStatus as asn1js.BaseBlock).idBlock.tagNumber;
    if (tag === 0) return { state: 'good', reason: null };
    if (tag === 1) return { state: 'revoked', reason: 'the OCSP responder says so' };
    throw new Error('the responder does not know the certificate');
  }

  /** The issuer itself, or a certificate in the response that the issuer made an OCSP signer. */
  private responseSigner(basic: pkijs.BasicOCSPResponse, issuer: SmimeCertificate, at: Date): SmimeCertificate {
    const responder = basic.tbsResponseData.responderID;
    const byName = responder instanceof pkijs.RelativeDistinguishedNames;
    if (byName ? responder.isEqual(issuer.cert.subject) : keyHashMatches(responder, issuer)) return issuer;
    for (const candidate of basic.certs ?? []) {
      const cert = certificateFromDer(toBuffer(candidate.toSchema().toBER(false)));
      const named = byName ? cert.cert.subject.isEqual(responder) : keyHashMatches(responder, cert);
      if (!named) continue;
      const delegated = cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey)
        && (extendedKeyUsages(cert) ?? []).includes(OID.kpOcspSigning)
        && new Date(cert.x509.validFrom) <= at && at <= new Date(cert.x509.validTo);
      if (delegated) return cert;
    }
    throw new Error('the response is signed by someone the issuer did not authorise');
  }
}

function keyHashMatches(responder: unknown, certificate: SmimeCertificate): boolean {
  if (!(responder instanceof asn1js.OctetString)) return false;
  const key = certificate.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  return toBuffer(responder.valueBlock.valueHexView).equals(Buffer.from(sha1(key)));
}

function sha1(data: Uint8Array): Buffer {
  return createHash('sha1').update(data).digest();
}
