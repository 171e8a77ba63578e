/**
 * ECDH key agreement for EC recipients (RFC 5753 §3.1, KeyAgreeRecipientInfo): ephemeral-static
 * dhSinglePass-stdDH with the ANSI X9.63 KDF over ECC-CMS-SharedInfo, and AES key wrap (RFC 3394).
 * The ukm is optional (RFC 5753 §3.1.1): when absent, entityUInfo is left out of SharedInfo; pkijs
 * assumes one is present and fails without it (PKI.js issue 335), and most clients send none. The
 * originator key's curve comes from the recipient's own key, since senders often leave the
 * algorithm parameters out (PKI.js issue 334).
 */
import { createCipheriv, createDecipheriv, createHash, diffieHellman, generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError, decodeAsn1, toArrayBuffer, toBuffer } from './asn1';
import { issuerAndSerial, type SmimeCertificate } from './certificate';
import { DecryptionFailed } from './content-encryption';
import { OID } from './oids';

const KDF_DIGESTS: Record<string, string> = {
  [OID.dhSinglePassStdDhSha1Kdf]: 'sha1',
  [OID.dhSinglePassStdDhSha224Kdf]: 'sha224',
  [OID.dhSinglePassStdDhSha256Kdf]: 'sha256',
  [OID.dhSinglePassStdDhSha384Kdf]: 'sha384',
  [OID.dhSinglePassStdDhSha512Kdf]: 'sha512',
};

const WRAPS: Record<string, { node: string; keyLength: number }> = {
  [OID.aes128Wrap]: { node: 'id-aes128-wrap', keyLength: 16 },
  [OID.aes192Wrap]: { node: 'id-aes192-wrap', keyLength: 24 },
  [OID.aes256Wrap]: { node: 'id-aes256-wrap', keyLength: 32 },
  [OID.cms3DesWrap]: { node: 'des-ede3-cbc', keyLength: 24 },
};

const WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

export function keyAgreeRecipient(recipient: SmimeCertificate, contentKey: Buffer, ukm: Buffer | null = null): pkijs.RecipientInfo {
  const recipientKey = recipient.x509.publicKey;
  const curve = recipientKey.asymmetricKeyDetails?.namedCurve;
  if (!curve) throw new Error('the recipient certificate has no named curve');
  const ephemeral = generateKeyPairSync('ec', { namedCurve: curve });
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipientKey });
  const kek = x963Kdf('sha256', shared, sharedInfo(new pkijs.AlgorithmIdentifier({ algorithmId: OID.aes256Wrap }).toSchema(), ukm, 32), 32);
  const wrapped = aesWrap(kek, contentKey);
  // OriginatorPublicKey: id-ecPublicKey with parameters absent and the point (RFC 5753 §7.1.2).
  const spki = new pkijs.PublicKeyInfo({ schema: decodeAsn1(ephemeral.publicKey.export({ format: 'der', type: 'spki' }), 'a public key') });
  const originator = new pkijs.OriginatorIdentifierOrKey({
    variant: 3,
    value: new pkijs.OriginatorPublicKey({ algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecPublicKey }), publicKey: spki.subjectPublicKey }),
  });
  return new pkijs.RecipientInfo({
    variant: 2,
    value: new pkijs.KeyAgreeRecipientInfo({
      version: 3,
      originator,
      ...(ukm ? { ukm: new asn1js.OctetString({ valueHex: toArrayBuffer(ukm) }) } : {}),
      keyEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.dhSinglePassStdDhSha256Kdf,
        algorithmParams: new pkijs.AlgorithmIdentifier({ algorithmId: OID.aes256Wrap }).toSchema(),
      }),
      recipientEncryptedKeys: new pkijs.RecipientEncryptedKeys({
        encryptedKeys: [new pkijs.RecipientEncryptedKey({
          rid: new pkijs.KeyAgreeRecipientIdentifier({ variant: 1, value: issuerAndSerial(recipient) }),
          encryptedKey: new asn1js.OctetString({ valueHex: toArrayBuffer(wrapped) }),
        })],
      }),
    }),
  });
}

/** Unwraps the content-encryption key addressed to `privateKey` in `encryptedKey`. */
export function openKeyAgree(info: pkijs.KeyAgreeRecipientInfo, encryptedKey: pkijs.RecipientEncryptedKey, privateKey: KeyObject): Buffer {
  const kdfDigest = KDF_DIGESTS[info.keyEncryptionAlgorithm.algorithmId];
  if (!kdfDigest) throw new DecryptionFailed(`the key is agreed with an algorithm Sealmail does not read (${info.keyEncryptionAlgorithm.algorithmId})`);
  const wrapAlgorithm = new pkijs.AlgorithmIdentifier({ schema: info.keyEncryptionAlgorithm.algorithmParams });
  const wrap = WRAPS[wrapAlgorithm.algorithmId];
  if (!wrap) throw new DecryptionFailed(`the key is wrapped with an algorithm Sealmail does not read (${wrapAlgorithm.algorithmId})`);
  if (info.originator.variant !== 3 || !(info.originator.value instanceof pkijs.OriginatorPublicKey)) {
    throw new CmsFormatError('the sender\'s ephemeral key is missing');
  }
  const point = toBuffer(info.originator.value.publicKey.valueBlock.valueHexView);
  const curve = privateKey.asymmetricKeyDetails?.namedCurve;
  if (!curve) throw new DecryptionFailed();
  const originatorKey = ecPublicKey(curve, point);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: originatorKey });
  } catch {
    throw new DecryptionFailed();
  }
  const ukm = info.ukm ? toBuffer(info.ukm.valueBlock.valueHexView) : null;
  const kek = x963Kdf(kdfDigest, shared, sharedInfo(info.keyEncryptionAlgorithm.algorithmParams, ukm, wrap.keyLength), wrap.keyLength);
  const wrapped = toBuffer(encryptedKey.encryptedKey.valueBlock.valueHexView);
  try {
    if (wrapAlgorithm.algorithmId === OID.cms3DesWrap) return unwrap3Des(kek, wrapped);
    const decipher = createDecipheriv(wrap.node, kek, WRAP_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    throw new DecryptionFailed();
  }
}

/** RFC 3217 §3.2: the CMS Triple-DES key unwrap, used by peers that encrypt content with 3DES. */
function unwrap3Des(kek: Buffer, wrapped: Buffer): Buffer {
  if (wrapped.length !== 40) throw new DecryptionFailed();
  const raw = (key: Buffer, iv: Buffer, data: Buffer) => {
    const decipher = createDecipheriv('des-ede3-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  };
  const temp2 = Buffer.from(raw(kek, Buffer.from('4adda22c79e82105', 'hex'), wrapped)).reverse();
  const cekIcv = raw(kek, temp2.subarray(0, 8), temp2.subarray(8));
  const cek = cekIcv.subarray(0, 24);
  const icv = createHash('sha1').update(cek).digest().subarray(0, 8);
  if (!icv.equals(cekIcv.subarray(24))) throw new DecryptionFailed();
  return cek;
}

/**
 * ECC-CMS-SharedInfo (RFC 5753 §7.2); entityUInfo only when a ukm was sent. keyInfo is the wrap
 * AlgorithmIdentifier exactly as the message carries it (3DES wrap has NULL parameters, AES none).
 */
function sharedInfo(keyInfo: asn1js.AsnType, ukm: Buffer | null, keyLength: number): Buffer {
  const bits = Buffer.alloc(4);
  bits.writeUInt32BE(keyLength * 8);
  const explicit = (tag: number, value: asn1js.AsnType) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: tag }, value: [value] });
  return Buffer.from(new asn1js.Sequence({
    value: [
      keyInfo,
      ...(ukm ? [explicit(0, new asn1js.OctetString({ valueHex: toArrayBuffer(ukm) }))] : []),
      explicit(2, new asn1js.OctetString({ valueHex: toArrayBuffer(bits) })),
    ],
  }).toBER(false));
}

/** ANSI X9.63 KDF (SEC 1 §3.6.1): Hash(Z || counter || SharedInfo), counter from 1. */
function x963Kdf(digest: string, secret: Buffer, info: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 1, total = 0; total < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(digest).update(secret).update(c).update(info).digest();
    blocks.push(block);
    total += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function aesWrap(kek: Buffer, key: Buffer): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, WRAP_IV);
  return Buffer.concat([cipher.update(key), cipher.final()]);
}

const CURVE_JWK: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function ecPublicKey(curve: string, point: Buffer): KeyObject {
  const crv = CURVE_JWK[curve];
  const size = (point.length - 1) / 2;
  if (!crv || point[0] !== 0x04 || !Number.isInteger(size)) throw new CmsFormatError('the sender\'s ephemeral key is not an uncompressed point on your curve');
  try {
    return createPublicKey({ key: { kty: 'EC', crv, x: point.subarray(1, 1 + size).toString('base64url'), y: point.subarray(1 + size).toString('base64url') }, format: 'jwk' });
  } catch {
    throw new CmsFormatError('the sender\'s ephemeral key is not a point on your curve');
  }
}
