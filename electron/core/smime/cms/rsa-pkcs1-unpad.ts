/**
 * RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2) without Node's padding check, which Node 20 refuses
 * (CVE-2023-46809): a raw RSA operation (RSA_NO_PADDING), then this unpadding, written without
 * branches on secret data, with implicit rejection (draft-irtf-cfrg-rsa-guidance): a bad padding
 * yields a key derived from the private key and the ciphertext instead of an error, so neither
 * timing nor the error tells an attacker which ciphertexts were well padded (Bleichenbacher, Marvin).
 */
import { constants, createHash, createHmac, privateDecrypt, type KeyObject } from 'node:crypto';
import { isEqual, isGreaterOrEqual, isZero, select } from './constant-time';

/** Decrypts a key-transport ciphertext; always returns `expectedLength` bytes. */
export function decryptPkcs1v15(key: KeyObject, ciphertext: Buffer, expectedLength: number): Buffer {
  const modulusBytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  const synthetic = syntheticKey(key, ciphertext, expectedLength);
  if (ciphertext.length !== modulusBytes) return synthetic;
  let em: Buffer;
  try {
    em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return synthetic;
  }
  return unpad(em, expectedLength, synthetic);
}

/** Constant-time EME-PKCS1-v1_5 decoding: 0x00 0x02 PS(>= 8 non-zero) 0x00 M, |M| = expectedLength. */
export function unpad(em: Buffer, expectedLength: number, synthetic: Buffer): Buffer {
  const k = em.length;
  let good = isZero(em[0]!) & isEqual(em[1]!, 2);
  let found = 0;
  let separator = 0;
  for (let i = 2; i < k; i++) {
    const zero = isZero(em[i]!);
    const first = zero & (found ^ 1);
    separator = select(first, i, separator);
    found |= zero;
  }
  good &= found;
  good &= isGreaterOrEqual(separator, 10); // at least 8 bytes of padding string
  good &= isEqual(k - separator - 1, expectedLength);
  const out = Buffer.alloc(expectedLength);
  const start = k - expectedLength;
  for (let j = 0; j < expectedLength; j++) out[j] = select(good, em[start + j]!, synthetic[j]!);
  return out;
}

/** Deterministic per (key, ciphertext): the same bad ciphertext always gives the same wrong key. */
function syntheticKey(key: KeyObject, ciphertext: Buffer, length: number): Buffer {
  const kdk = createHash('sha256').update(key.export({ format: 'der', type: 'pkcs8' })).digest();
  const block = (label: string) => createHmac('sha256', kdk).update(ciphertext).update(label).digest();
  return Buffer.concat([block('sealmail implicit rejection 1'), block('sealmail implicit rejection 2')]).subarray(0, length);
}
