/**
 * RSAES-OAEP decryption (RFC 8017 §7.1.2) for parameters Node cannot express: Node's privateDecrypt
 * uses one hash for both the label and MGF1, but RFC 4055 lets them differ, and OpenSSL writes
 * `-keyopt rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha1` (Thunderbird's "SHA-256 hash" case). A raw
 * RSA operation, then EME-OAEP decoding without branches on secret data until the single verdict,
 * and one error for every failure, so neither timing nor the message tells which check failed
 * (Manger's attack needs to tell "first byte not zero" apart).
 */
import { constants, createHash, privateDecrypt, type KeyObject } from 'node:crypto';
import { isEqual, isZero, select } from './constant-time';
import { DecryptionFailed } from './content-encryption';

/** Decrypts `ciphertext` with OAEP over `hash` (label) and MGF1 over `mgfHash`. */
export function decryptOaep(key: KeyObject, ciphertext: Buffer, hash: string, mgfHash: string, label: Buffer): Buffer {
  const k = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  const labelHash = createHash(hash).update(label).digest();
  const hLen = labelHash.length;
  // Step 1: lengths are public, so these checks may fail early.
  if (ciphertext.length !== k || k < 2 * hLen + 2) throw new DecryptionFailed();
  let em: Buffer;
  try {
    em = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    throw new DecryptionFailed();
  }
  // Step 3: EM = Y || maskedSeed || maskedDB.
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(mgfHash, maskedDb, hLen));
  const db = xor(maskedDb, mgf1(mgfHash, seed, k - hLen - 1));
  // DB = lHash' || PS (zeros) || 0x01 || M.
  let good = isZero(em[0]!);
  let diff = 0;
  for (let i = 0; i < hLen; i++) diff |= db[i]! ^ labelHash[i]!;
  good &= isZero(diff);
  let looking = 1;
  let separator = 0;
  for (let i = hLen; i < db.length; i++) {
    const one = isEqual(db[i]!, 1);
    const zero = isZero(db[i]!);
    separator = select(looking & one, i, separator);
    // A byte other than 0x00 before the 0x01 is bad padding.
    good &= (looking & (zero | one) | (looking ^ 1));
    looking &= one ^ 1;
  }
  good &= looking ^ 1;
  if (!good) throw new DecryptionFailed();
  return Buffer.from(db.subarray(separator + 1));
}

/** MGF1 (RFC 8017 §B.2.1). */
function mgf1(hash: string, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let produced = 0;
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}
