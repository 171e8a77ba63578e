/**
 * Decrypts what a PKCS#12 file encrypted under a password: the PKCS#12 legacy schemes (3DES and
 * RC2 with the RFC 7292 appendix B key derivation) and PBES2 (PBKDF2 with AES or 3DES, RFC 8018),
 * which OpenSSL 3 writes by default. Node supplies 3DES, AES and PBKDF2; RC2 comes from rc2.ts.
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { child, integer, octets, oid, optionalChild, type Node, Pkcs12FormatError } from './asn1';
import { bmpPassword, KDF_PURPOSE, pkcs12Kdf } from './pkcs12-kdf';
import { rc2CbcDecrypt } from './rc2';

/** The file uses a scheme Sealmail does not read (named for the message). */
export class UnsupportedSchemeError extends Error {}

/** Decryption failed: with a MAC-less file this is how a wrong password shows. */
export class DecryptError extends Error {}

const MAX_ITERATIONS = 10_000_000;

const LEGACY: Record<string, { cipher: 'des-ede3-cbc' | 'des-ede-cbc' | 'rc2'; keyLength: number; rc2Bits?: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede-cbc', keyLength: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40 },
};

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';

const PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

const SCHEME_NAMES: Record<string, string> = {
  '1.2.840.113549.1.12.1.1': '128-bit RC4',
  '1.2.840.113549.1.12.1.2': '40-bit RC4',
  '1.2.840.113549.1.5.3': 'PBES1 DES',
};

/**
 * Decrypts `data` under the AlgorithmIdentifier `algorithm` with `password`.
 * @throws UnsupportedSchemeError, DecryptError, Pkcs12FormatError
 */
export function pbeDecrypt(algorithm: Node, password: string, data: Uint8Array): Buffer {
  const scheme = oid(child(algorithm, 0));
  const params = optionalChild(algorithm, 1);
  const legacy = LEGACY[scheme];
  if (legacy) {
    if (!params) throw new Pkcs12FormatError('PBE parameters missing');
    const salt = octets(child(params, 0));
    const iterations = checkedIterations(integer(child(params, 1)));
    const pass = bmpPassword(password);
    // OpenSSL has encoded an empty password both as two zero bytes and as nothing at all.
    const candidates = password === '' ? [pass, Buffer.alloc(0)] : [pass];
    let lastError: unknown;
    for (const candidate of candidates) {
      const key = pkcs12Kdf('sha1', candidate, salt, iterations, KDF_PURPOSE.key, legacy.keyLength);
      const iv = pkcs12Kdf('sha1', candidate, salt, iterations, KDF_PURPOSE.iv, 8);
      try {
        return legacy.cipher === 'rc2' ? rc2CbcDecrypt(key, legacy.rc2Bits!, iv, data) : nodeDecrypt(legacy.cipher, key, iv, data);
      } catch (error) {
        lastError = error;
      }
    }
    throw new DecryptError(`decryption failed: ${String(lastError)}`);
  }
  if (scheme === PBES2) {
    if (!params) throw new Pkcs12FormatError('PBES2 parameters missing');
    const kdf = child(params, 0);
    const encryption = child(params, 1);
    if (oid(child(kdf, 0)) !== PBKDF2) throw new UnsupportedSchemeError('a key derivation other than PBKDF2');
    const kdfParams = child(kdf, 1);
    const salt = octets(child(kdfParams, 0));
    const iterations = checkedIterations(integer(child(kdfParams, 1)));
    let prf = 'sha1';
    for (const field of [optionalChild(kdfParams, 2), optionalChild(kdfParams, 3)]) {
      // keyLength (INTEGER) is optional and comes before the PRF's AlgorithmIdentifier.
      if (field instanceof asn1js.Sequence) {
        const name = PRFS[oid(child(field, 0))];
        if (!name) throw new UnsupportedSchemeError('an unknown PBKDF2 hash');
        prf = name;
      }
    }
    const cipherOid = oid(child(encryption, 0));
    const cipher = PBES2_CIPHERS[cipherOid];
    if (!cipher) throw new UnsupportedSchemeError(`the cipher ${cipherOid}`);
    const iv = octets(child(encryption, 1));
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, cipher.keyLength, prf);
    try {
      return nodeDecrypt(cipher.name, key, iv, data);
    } catch (error) {
      throw new DecryptError(`decryption failed: ${String(error)}`);
    }
  }
  throw new UnsupportedSchemeError(SCHEME_NAMES[scheme] ?? `the scheme ${scheme}`);
}

function nodeDecrypt(name: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const decipher = createDecipheriv(name, key, iv);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

export function checkedIterations(iterations: number): number {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new Pkcs12FormatError(`an iteration count of ${iterations} is out of range`);
  }
  return iterations;
}
