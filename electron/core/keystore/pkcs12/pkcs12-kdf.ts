/**
 * The PKCS#12 key derivation function, RFC 7292 appendix B.2, which legacy PBE schemes
 * (pbeWithSHAAnd3-KeyTripleDES-CBC, pbeWithSHAAnd40BitRC2-CBC) and the PKCS#12 MAC use.
 * Node has no binding for it; it is a few hash loops over the salt and the BMPString password.
 */
import { createHash } from 'node:crypto';

/** RFC 7292 B.3: which material to derive. */
export const KDF_PURPOSE = { key: 1, iv: 2, mac: 3 } as const;

const HASHES: Record<string, { u: number; v: number }> = {
  sha1: { u: 20, v: 64 },
  sha224: { u: 28, v: 64 },
  sha256: { u: 32, v: 64 },
  sha384: { u: 48, v: 128 },
  sha512: { u: 64, v: 128 },
};

/** The password as RFC 7292 B.1 wants it: BMPString (UTF-16 big endian) with two zero bytes at the end. */
export function bmpPassword(password: string): Buffer {
  const le = Buffer.from(`${password}\0`, 'utf16le');
  return le.swap16();
}

/**
 * RFC 7292 B.2. `password` is already encoded (see bmpPassword); `hash` is a Node hash name.
 */
export function pkcs12Kdf(hash: string, password: Uint8Array, salt: Uint8Array, iterations: number, purpose: number, length: number): Buffer {
  const sizes = HASHES[hash];
  if (!sizes) throw new Error(`unsupported hash ${hash}`);
  const { u, v } = sizes;
  const D = Buffer.alloc(v, purpose);
  const stretch = (input: Uint8Array) => {
    if (input.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(input.length / v));
    for (let i = 0; i < out.length; i++) out[i] = input[i % input.length]!;
    return out;
  };
  const I = Buffer.concat([stretch(salt), stretch(password)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let A = createHash(hash).update(D).update(I).digest();
    for (let r = 1; r < iterations; r++) A = createHash(hash).update(A).digest();
    blocks.push(A);
    if (produced + u >= length) break;
    // I_j = (I_j + B + 1) mod 2^(8v), B being A repeated to v bytes.
    const B = Buffer.alloc(v);
    for (let i = 0; i < v; i++) B[i] = A[i % u]!;
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, length);
}
