/**
 * EnvelopedData (RFC 5652 §6) and AuthEnvelopedData (RFC 5083) as ASN.1: one reader and one writer
 * for both, since they differ only in the mac and authenticated attributes. pkijs has no
 * AuthEnvelopedData, so the outer SEQUENCE is walked here and pkijs reads the pieces.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError, collectOctets, toArrayBuffer, toBuffer } from './asn1';
import { OID } from './oids';
import { parseContentInfo } from './signed-data';

export interface ParsedEnvelope {
  authenticated: boolean;
  recipientInfos: pkijs.RecipientInfo[];
  contentAlgorithm: pkijs.AlgorithmIdentifier;
  ciphertext: Buffer;
  mac: Buffer | null;
  /** DER of authAttrs as a SET OF, the GCM additional data (RFC 5083 §2.2), or null. */
  authAttrsDer: Buffer | null;
}

export function parseEnvelope(der: Uint8Array): ParsedEnvelope {
  const contentInfo = parseContentInfo(der, 'the encrypted part');
  const authenticated = contentInfo.contentType === OID.authEnvelopedData;
  if (!authenticated && contentInfo.contentType !== OID.envelopedData) throw new CmsFormatError('the encrypted part is not enveloped data');
  const fields = contentInfo.content instanceof asn1js.Sequence ? [...contentInfo.content.valueBlock.value] : null;
  if (!fields) throw new CmsFormatError('the encrypted part is malformed');
  try {
    fields.shift(); // version
    if (fields[0]?.idBlock.tagClass === 3 && fields[0].idBlock.tagNumber === 0) fields.shift(); // originatorInfo
    const set = fields.shift();
    if (!(set instanceof asn1js.Set)) throw new Error('no recipients');
    const recipientInfos = set.valueBlock.value.map((schema) => new pkijs.RecipientInfo({ schema }));
    const eci = new pkijs.EncryptedContentInfo({ schema: fields.shift() });
    if (!eci.encryptedContent) throw new Error('no encrypted content');
    let authAttrsDer: Buffer | null = null;
    let mac: Buffer | null = null;
    if (authenticated) {
      const next = fields[0];
      if (next && next.idBlock.tagClass === 3 && next.idBlock.tagNumber === 1) {
        fields.shift();
        const bytes = Buffer.from(next.toBER(false));
        bytes[0] = 0x31; // RFC 5083 §2.2: the AAD is the DER of the SET OF, not of the [1] tag
        authAttrsDer = bytes;
      }
      const macValue = fields.shift();
      if (!(macValue instanceof asn1js.OctetString)) throw new Error('no mac');
      mac = toBuffer(macValue.valueBlock.valueHexView);
    }
    return { authenticated, recipientInfos, contentAlgorithm: eci.contentEncryptionAlgorithm, ciphertext: collectOctets(eci.encryptedContent), mac, authAttrsDer };
  } catch (error) {
    throw new CmsFormatError(`the encrypted part is malformed (${(error as Error).message})`);
  }
}

/** Writes ContentInfo(EnvelopedData) or, with a mac, ContentInfo(AuthEnvelopedData), DER. */
export function writeEnvelope(recipientInfos: pkijs.RecipientInfo[], contentAlgorithm: pkijs.AlgorithmIdentifier, ciphertext: Buffer, mac: Buffer | null): Buffer {
  // Version 0 for KTRI-only; 2 when any KeyAgree (RFC 5652 §6.1); AuthEnvelopedData is always 0.
  const version = mac ? 0 : recipientInfos.some((info) => info.variant !== 1) ? 2 : 0;
  const eci = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.data }),
      contentAlgorithm.toSchema(),
      new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: toArrayBuffer(ciphertext) }),
    ],
  });
  const body = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: version }),
      new asn1js.Set({ value: recipientInfos.map((info) => info.toSchema()) }),
      eci,
      ...(mac ? [new asn1js.OctetString({ valueHex: toArrayBuffer(mac) })] : []),
    ],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: mac ? OID.authEnvelopedData : OID.envelopedData, content: body });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}
