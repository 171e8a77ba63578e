/**
 * RSA key transport (RFC 5652 §6.2.1, KeyTransRecipientInfo): RSAES-OAEP with SHA-256 (RFC 4055)
 * for recipients that advertise it, else RSAES-PKCS1-v1_5, which every client reads. Decryption of
 * PKCS#1 v1.5 goes through rsa-pkcs1-unpad (implicit rejection), OAEP through Node, or through
 * rsa-oaep-decode when its label hash and MGF1 hash differ.
 */
import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, toBuffer } from './asn1';
import { oaepSha256Params } from './capabilities';
import { issuerAndSerial, type SmimeCertificate } from './certificate';
import { DecryptionFailed } from './content-encryption';
import { DIGEST_NAMES, OID } from './oids';
import { decryptOaep } from './rsa-oaep-decode';
import { decryptPkcs1v15 } from './rsa-pkcs1-unpad';

export function keyTransRecipient(recipient: SmimeCertificate, contentKey: Buffer, oaep: boolean): pkijs.RecipientInfo {
  const key = recipient.x509.publicKey;
  const encryptedKey = oaep
    ? publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, contentKey)
    : publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, contentKey);
  const algorithm = oaep
    ? new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaOaep, algorithmParams: oaepSha256Params() })
    : new pkijs.AlgorithmIdentifier({ algorithmId: OID.rsaEncryption, algorithmParams: new asn1js.Null() });
  return new pkijs.RecipientInfo({
    variant: 1,
    value: new pkijs.KeyTransRecipientInfo({
      version: 0,
      rid: issuerAndSerial(recipient),
      keyEncryptionAlgorithm: algorithm,
      encryptedKey: new asn1js.OctetString({ valueHex: toArrayBuffer(encryptedKey) }),
    }),
  });
}

/** Recovers the content-encryption key; `keyLength` is what the content algorithm needs. */
export function openKeyTrans(info: pkijs.KeyTransRecipientInfo, privateKey: KeyObject, keyLength: number): Buffer {
  const encryptedKey = toBuffer(info.encryptedKey.valueBlock.valueHexView);
  const algorithm = info.keyEncryptionAlgorithm.algorithmId;
  if (algorithm === OID.rsaEncryption) return decryptPkcs1v15(privateKey, encryptedKey, keyLength);
  if (algorithm === OID.rsaOaep) {
    const { hash, mgfHash, label } = oaepParams(info.keyEncryptionAlgorithm.algorithmParams);
    if (hash === 'unknown' || mgfHash === 'unknown') throw new DecryptionFailed('the message uses OAEP with a hash Sealmail does not read');
    // Node ties MGF1's hash to the label's; other pairs (RFC 4055 allows them) are decoded here.
    if (hash !== mgfHash) return decryptOaep(privateKey, encryptedKey, hash, mgfHash, label);
    try {
      // RFC 8017 §7.1.2 step 3a: the label is hashed into the padding, so decryption needs it too.
      return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash, ...(label.length ? { oaepLabel: label } : {}) }, encryptedKey);
    } catch {
      throw new DecryptionFailed();
    }
  }
  throw new DecryptionFailed(`the key is wrapped with an algorithm Sealmail does not read (${algorithm})`);
}

/**
 * RFC 4055 §4.1 RSAES-OAEP-params: [0] hashFunc, [1] maskGenFunc, [2] pSourceFunc; absent fields
 * default to SHA-1, MGF1-SHA-1 and an empty label (id-pSpecified with an empty OCTET STRING).
 */
function oaepParams(params: unknown): { hash: string; mgfHash: string; label: Buffer } {
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let label: Buffer = Buffer.alloc(0);
  if (params instanceof asn1js.Sequence) {
    for (const field of params.valueBlock.value) {
      if (!(field instanceof asn1js.Constructed) || field.idBlock.tagClass !== 3) continue;
      const inner = field.valueBlock.value[0];
      if (!inner) continue;
      const algorithm = new pkijs.AlgorithmIdentifier({ schema: inner });
      if (field.idBlock.tagNumber === 0) hash = DIGEST_NAMES[algorithm.algorithmId] ?? 'unknown';
      if (field.idBlock.tagNumber === 1 && algorithm.algorithmParams) {
        mgfHash = DIGEST_NAMES[new pkijs.AlgorithmIdentifier({ schema: algorithm.algorithmParams }).algorithmId] ?? 'unknown';
      }
      if (field.idBlock.tagNumber === 2) label = pSpecifiedLabel(algorithm);
    }
  }
  return { hash, mgfHash, label };
}

/** id-pSpecified is the only pSourceFunc RFC 4055 defines; any other cannot be decrypted. */
function pSpecifiedLabel(algorithm: pkijs.AlgorithmIdentifier): Buffer {
  const value: unknown = algorithm.algorithmParams;
  if (algorithm.algorithmId !== OID.pSpecified || !(value instanceof asn1js.OctetString)) {
    throw new DecryptionFailed(`the message uses an OAEP label source Sealmail does not read (${algorithm.algorithmId})`);
  }
  return toBuffer(value.valueBlock.valueHexView);
}
