/**
 * Encryption (RFC 8551 §3.3): the (already signed) entity goes into application/pkcs7-mime for
 * every recipient and the sender, so Sent stays readable. AES-256-GCM in AuthEnvelopedData
 * (RFC 5083/5084) when every recipient advertised it, else AES-256-CBC in EnvelopedData; RSA
 * recipients get OAEP where they advertised it, else PKCS#1 v1.5; EC recipients get ECDH.
 */
import { randomBytes } from 'node:crypto';
import type { RecipientCapabilities } from './cms/capabilities';
import type { SmimeCertificate } from './cms/certificate';
import { encryptContent } from './cms/content-encryption';
import { writeEnvelope } from './cms/enveloped-data';
import { keyAgreeRecipient } from './cms/key-agreement';
import { keyTransRecipient } from './cms/key-transport';
import { toCanonicalCrlf, wrapBase64 } from './mime/canonical';

export interface EncryptionRecipient {
  certificate: SmimeCertificate;
  /** From the recipient's last signed message; null when unknown (then the safe defaults apply). */
  capabilities: RecipientCapabilities | null;
}

export interface EncryptedEntity {
  entity: Buffer;
  algorithm: 'AES-256-GCM' | 'AES-256-CBC';
}

/**
 * Encrypts `entity` (a MIME entity with its headers) to every recipient given; the sender must be
 * one. `ukm` (RFC 5753 user keying material) is optional and only for EC recipients.
 */
export function encryptEntity(entity: Buffer, recipients: EncryptionRecipient[], options: { ukm?: Buffer } = {}): EncryptedEntity {
  if (recipients.length === 0) throw new Error('there is nobody to encrypt to');
  const gcm = recipients.every((r) => r.capabilities?.aesGcm === true);
  const contentKey = randomBytes(32);
  const infos = recipients.map(({ certificate, capabilities }) => {
    const type = certificate.x509.publicKey.asymmetricKeyType;
    if (type === 'rsa') return keyTransRecipient(certificate, contentKey, capabilities?.rsaOaep === true);
    if (type === 'ec') return keyAgreeRecipient(certificate, contentKey, options.ukm ?? null);
    throw new Error(`Sealmail cannot encrypt to a ${type ?? 'non-RSA, non-EC'} key`);
  });
  const encrypted = encryptContent(toCanonicalCrlf(entity), contentKey, gcm ? 'aes-256-gcm' : 'aes-256-cbc');
  const der = writeEnvelope(infos, encrypted.algorithm, encrypted.ciphertext, encrypted.tag);
  const smimeType = gcm ? 'authEnveloped-data' : 'enveloped-data';
  const head = [
    `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"`,
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="smime.p7m"',
    'Content-Description: S/MIME Encrypted Message',
    '',
    '',
  ].join('\r\n');
  return { entity: Buffer.from(`${head}${wrapBase64(der)}\r\n`, 'latin1'), algorithm: gcm ? 'AES-256-GCM' : 'AES-256-CBC' };
}
