/**
 * Reads a CMS SignedData (RFC 5652 §5) and refuses the shapes used to fool verifiers: exactly one
 * SignerInfo (several let a weak or foreign signer ride along; none signs nothing), and eContent
 * present exactly when the caller expects opaque signing (a detached signature that also carries
 * content could be shown instead of what was checked: eContent confusion).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError, collectOctets, decodeAsn1 } from './asn1';
import { certificateFromDer, type SmimeCertificate } from './certificate';
import { OID } from './oids';

export interface ParsedSignedData {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  /** The encapsulated content for opaque signatures, null for detached ones. */
  eContent: Buffer | null;
  eContentType: string;
  certificates: SmimeCertificate[];
}

export function parseContentInfo(der: Uint8Array, what: string): pkijs.ContentInfo {
  try {
    return new pkijs.ContentInfo({ schema: decodeAsn1(der, what) });
  } catch (error) {
    if (error instanceof CmsFormatError) throw error;
    throw new CmsFormatError(`${what} is not a CMS structure (${(error as Error).message})`);
  }
}

export function parseSignedData(der: Uint8Array, expect: 'detached' | 'opaque'): ParsedSignedData {
  const contentInfo = parseContentInfo(der, 'the signature');
  if (contentInfo.contentType !== OID.signedData) throw new CmsFormatError(`the signature holds ${contentInfo.contentType}, not signed data`);
  // The certificates are taken out before pkijs reads the rest: it would walk each one's schema,
  // which is slow, and Node parses them faster (pkijs fields are read lazily, when needed).
  const certificates: SmimeCertificate[] = [];
  const fields = contentInfo.content instanceof asn1js.Sequence ? contentInfo.content.valueBlock.value : [];
  const certSetIndex = fields.findIndex((field) => field.idBlock.tagClass === 3 && field.idBlock.tagNumber === 0);
  if (certSetIndex >= 0) {
    const certSet = fields[certSetIndex] as asn1js.Constructed;
    for (const entry of certSet.valueBlock.value) {
      // Only X.509 certificates (a SEQUENCE); attribute certificates and others are skipped.
      if (entry.idBlock.tagClass !== 1 || entry.idBlock.tagNumber !== 16) continue;
      try {
        certificates.push(certificateFromDer(entry.valueBeforeDecodeView));
      } catch {
        // A certificate Node cannot read cannot be the signer's or a link in the chain.
      }
    }
    fields.splice(certSetIndex, 1);
  }
  let signedData: pkijs.SignedData;
  try {
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    throw new CmsFormatError(`the signed data is malformed (${(error as Error).message})`);
  }
  const count = signedData.signerInfos.length;
  if (count === 0) throw new RefusedStructure('the signature has no signer: it signs nothing');
  if (count > 1) throw new RefusedStructure(`the signature carries ${count} signers; Sealmail accepts exactly one`);
  const eContentValue = signedData.encapContentInfo.eContent;
  const eContent = eContentValue ? collectOctets(eContentValue) : null;
  if (expect === 'detached' && eContent !== null) {
    throw new RefusedStructure('the detached signature also carries content of its own, which could differ from what is shown');
  }
  if (expect === 'opaque' && eContent === null) throw new RefusedStructure('the signed message carries no content');
  return { signedData, signerInfo: signedData.signerInfos[0]!, eContent, eContentType: signedData.encapContentInfo.eContentType, certificates };
}

/** A structure that parses but is refused on purpose: reported as 'invalid', not 'error'. */
export class RefusedStructure extends Error {}
