/**
 * Signing (RFC 8551 §3.5.3): wraps a MIME entity in multipart/signed with a detached CMS SignedData
 * (RFC 5652 §5) in application/pkcs7-signature. SHA-256; RSA PKCS#1 v1.5 or ECDSA; the signed
 * attributes contentType, signingTime, messageDigest, smimeCapabilities and
 * encryptionKeyPreference; the signer's chain included so any peer can build it.
 */
import { createHash, randomBytes, sign as cryptoSign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Clock } from '../ports';
import { toArrayBuffer } from './cms/asn1';
import { sealmailCapabilities } from './cms/capabilities';
import { issuerAndSerial, type SmimeCertificate } from './cms/certificate';
import { OID } from './cms/oids';
import { toCanonicalCrlf, wrapBase64 } from './mime/canonical';

export interface SignerIdentity {
  key: KeyObject;
  certificate: SmimeCertificate;
  /** Intermediates (and optionally the root) to include, signer's issuer first. */
  chain: SmimeCertificate[];
}

/** Builds the detached SignedData for `content`, DER. */
export function createDetachedSignature(content: Buffer, signer: SignerIdentity, clock: Clock): Buffer {
  const keyType = signer.key.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') throw new Error(`Sealmail signs with RSA or EC keys, not ${keyType ?? 'this key'}`);
  const digest = createHash('sha256').update(content).digest();
  const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });
  const preference = new asn1js.Constructed({
    idBlock: { tagClass: 3, tagNumber: 0 },
    // [0] IMPLICIT IssuerAndSerialNumber: the SEQUENCE's contents under the context tag.
    value: (issuerAndSerial(signer.certificate).toSchema() as asn1js.Sequence).valueBlock.value,
  });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
      attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: clock.now() })),
      attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })),
      attribute(OID.smimeCapabilities, sealmailCapabilities()),
      attribute(OID.encryptionKeyPreference, preference),
    ],
  });
  // RFC 5652 §5.4: the signature covers the attributes DER-encoded as a SET OF, not as [0].
  const attrsDer = Buffer.from(new asn1js.Set({ value: signedAttrs.attributes.map((a) => a.toSchema()) }).toBER(false));
  const signature = cryptoSign('sha256', attrsDer, keyType === 'rsa' ? { key: signer.key, padding: 1 } : signer.key);
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: issuerAndSerial(signer.certificate),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: keyType === 'rsa'
      ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() })
      : new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [signerInfo],
  });
  const schema = signedData.toSchema(true) as asn1js.Sequence;
  // certificates [0] IMPLICIT SET OF, placed after encapContentInfo (RFC 5652 §5.1); the DER is
  // copied as is rather than re-encoded through pkijs, which is slow.
  const certificates = [signer.certificate, ...signer.chain].map((c) => asn1js.fromBER(new Uint8Array(toArrayBuffer(c.der))).result);
  schema.valueBlock.value.splice(3, 0, new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: certificates }));
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: schema });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

/**
 * Signs a MIME entity (its own headers included) and returns the multipart/signed entity, with
 * CRLF line ends. The entity must already be 7-bit safe (quoted-printable or base64 bodies).
 */
export function signEntity(entity: Buffer, signer: SignerIdentity, clock: Clock): Buffer {
  const content = toCanonicalCrlf(entity);
  const signature = createDetachedSignature(content, signer, clock);
  const boundary = `----=_sealmail_signed_${randomBytes(12).toString('hex')}`;
  const head = [
    `Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256;`,
    ` boundary="${boundary}"`,
    '',
    'This is a cryptographically signed message in S/MIME format.',
    '',
    `--${boundary}`,
    '',
  ].join('\r\n');
  const tail = [
    '',
    `--${boundary}`,
    'Content-Type: application/pkcs7-signature; name="smime.p7s"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="smime.p7s"',
    'Content-Description: S/MIME Cryptographic Signature',
    '',
    wrapBase64(signature),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), content, Buffer.from(tail, 'latin1')]);
}
