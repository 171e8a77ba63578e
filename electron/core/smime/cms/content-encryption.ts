/**
 * Content encryption for CMS (RFC 5652 §6.3): AES-CBC (RFC 3565), AES-GCM (RFC 5084, whose tag
 * goes into AuthEnvelopedData's mac, RFC 5083) and, to read old mail, 3DES-CBC. Only GCM protects
 * the content against tampering; CBC is malleable (EFAIL's CBC gadgets).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { CmsFormatError, toArrayBuffer, toBuffer } from './asn1';
import { OID } from './oids';

interface Cipher {
  node: string;
  keyLength: number;
  name: string;
  mode: 'cbc' | 'gcm';
}

const CIPHERS: Record<string, Cipher> = {
  [OID.aes128Cbc]: { node: 'aes-128-cbc', keyLength: 16, name: 'AES-128-CBC', mode: 'cbc' },
  [OID.aes192Cbc]: { node: 'aes-192-cbc', keyLength: 24, name: 'AES-192-CBC', mode: 'cbc' },
  [OID.aes256Cbc]: { node: 'aes-256-cbc', keyLength: 32, name: 'AES-256-CBC', mode: 'cbc' },
  [OID.desEde3Cbc]: { node: 'des-ede3-cbc', keyLength: 24, name: '3DES-CBC', mode: 'cbc' },
  [OID.aes128Gcm]: { node: 'aes-128-gcm', keyLength: 16, name: 'AES-128-GCM', mode: 'gcm' },
  [OID.aes192Gcm]: { node: 'aes-192-gcm', keyLength: 24, name: 'AES-192-GCM', mode: 'gcm' },
  [OID.aes256Gcm]: { node: 'aes-256-gcm', keyLength: 32, name: 'AES-256-GCM', mode: 'gcm' },
};

export function cipherFor(algorithm: pkijs.AlgorithmIdentifier): Cipher {
  const cipher = CIPHERS[algorithm.algorithmId];
  if (!cipher) throw new CmsFormatError(`the message is encrypted with an algorithm Sealmail does not read (${algorithm.algorithmId})`);
  return cipher;
}

export interface EncryptedContent {
  algorithm: pkijs.AlgorithmIdentifier;
  ciphertext: Buffer;
  /** GCM only: the authentication tag, for AuthEnvelopedData's mac. */
  tag: Buffer | null;
}

/** Encrypts with a fresh IV/nonce under `key`. GCM uses a 12-byte nonce and a 16-byte tag. */
export function encryptContent(plaintext: Buffer, key: Buffer, mode: 'aes-256-gcm' | 'aes-256-cbc'): EncryptedContent {
  if (mode === 'aes-256-cbc') {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const algorithm = new pkijs.AlgorithmIdentifier({ algorithmId: OID.aes256Cbc, algorithmParams: new asn1js.OctetString({ valueHex: toArrayBuffer(iv) }) });
    return { algorithm, ciphertext, tag: null };
  }
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  // RFC 5084 §3.2: GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING, aes-ICVlen INTEGER DEFAULT 12 }
  const params = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(nonce) }), new asn1js.Integer({ value: 16 })] });
  return { algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.aes256Gcm, algorithmParams: params }), ciphertext, tag: cipher.getAuthTag() };
}

/** Decrypts; for GCM `tag` and `aad` (DER of authAttrs, if any) are required. */
export function decryptContent(algorithm: pkijs.AlgorithmIdentifier, key: Buffer, ciphertext: Buffer, tag: Buffer | null, aad: Buffer | null): Buffer {
  const cipher = cipherFor(algorithm);
  if (key.length !== cipher.keyLength) throw new DecryptionFailed();
  if (cipher.mode === 'cbc') {
    const iv = algorithm.algorithmParams instanceof asn1js.OctetString ? toBuffer(algorithm.algorithmParams.valueBlock.valueHexView) : null;
    if (!iv || iv.length !== (cipher.node.startsWith('des') ? 8 : 16)) throw new CmsFormatError('the encryption parameters are malformed');
    try {
      const decipher = createDecipheriv(cipher.node, key, iv);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new DecryptionFailed();
    }
  }
  const params = algorithm.algorithmParams;
  const nonceValue = params instanceof asn1js.Sequence ? params.valueBlock.value[0] : undefined;
  const icvValue = params instanceof asn1js.Sequence ? params.valueBlock.value[1] : undefined;
  if (!(nonceValue instanceof asn1js.OctetString)) throw new CmsFormatError('the GCM parameters are malformed');
  const tagLength = icvValue instanceof asn1js.Integer ? icvValue.valueBlock.valueDec : 12;
  if (!tag || tag.length !== tagLength || tagLength < 12 || tagLength > 16) throw new CmsFormatError('the GCM authentication tag is missing or malformed');
  try {
    const decipher = createDecipheriv(cipher.node as 'aes-256-gcm', key, toBuffer(nonceValue.valueBlock.valueHexView), { authTagLength: tagLength });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionFailed('the encrypted content was altered or the key is wrong (authentication failed)');
  }
}

/** One failure for every wrong key or bad padding, so a reply cannot tell them apart (no oracle). */
export class DecryptionFailed extends Error {
  constructor(message = 'the message could not be decrypted with your key') {
    super(message);
  }
}
