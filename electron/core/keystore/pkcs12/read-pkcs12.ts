/**
 * Reads a PKCS#12 (.p12/.pfx) file, RFC 7292: checks its MAC, decrypts its safes and bags, and
 * returns the certificates and private keys it holds. Every shape in common use is read: OpenSSL 3
 * (PBES2 with AES-256 and a SHA-256 MAC), `openssl pkcs12 -legacy` (RC2-40 and 3DES), Windows and
 * Firefox exports (3DES, SHA-1 MAC), unencrypted safes, and an empty password.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { child, children, encoded, explicit, integer, octets, oid, optionalChild, parseDer, Pkcs12FormatError, type Node } from './asn1';
import { DecryptError, checkedIterations, pbeDecrypt, UnsupportedSchemeError } from './pbe';
import { bmpPassword, KDF_PURPOSE, pkcs12Kdf } from './pkcs12-kdf';

export interface Pkcs12Certificate {
  der: Buffer;
  /** The localKeyId attribute (hex), which ties a certificate to its key. */
  localKeyId: string | null;
  friendlyName: string | null;
}

export interface Pkcs12Key {
  /** PKCS#8 PrivateKeyInfo, DER. */
  pkcs8: Buffer;
  localKeyId: string | null;
}

export interface Pkcs12Contents {
  certificates: Pkcs12Certificate[];
  keys: Pkcs12Key[];
}

/** Why a file could not be read; the caller words it with the file's name. */
export class Pkcs12Error extends Error {
  constructor(
    readonly reason: 'not-pkcs12' | 'truncated' | 'wrong-password' | 'unsupported',
    detail: string,
  ) {
    super(detail);
  }
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  pbmac1: '1.2.840.113549.1.5.14',
};

const MAC_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * Opens a PKCS#12 file with its password.
 * @throws Pkcs12Error
 */
export function readPkcs12(file: Uint8Array, password: string): Pkcs12Contents {
  try {
    return readOrThrow(file, password);
  } catch (error) {
    if (error instanceof Pkcs12Error) throw error;
    if (error instanceof DecryptError) throw new Pkcs12Error('wrong-password', error.message);
    if (error instanceof UnsupportedSchemeError) throw new Pkcs12Error('unsupported', error.message);
    throw new Pkcs12Error(looksTruncated(file) ? 'truncated' : 'not-pkcs12', error instanceof Error ? error.message : String(error));
  }
}

function readOrThrow(file: Uint8Array, password: string): Pkcs12Contents {
  if (looksTruncated(file)) throw new Pkcs12Error('truncated', 'the file ends before its declared length');
  const pfx = parseDer(file);
  if (integer(child(pfx, 0)) !== 3) throw new Pkcs12FormatError('not a version 3 PFX');
  const authSafe = child(pfx, 1);
  if (oid(child(authSafe, 0)) !== OID.data) throw new Pkcs12Error('unsupported', 'public-key integrity mode');
  const authSafeBytes = octets(explicit(child(authSafe, 1)));
  const macData = optionalChild(pfx, 2);
  if (macData) verifyMac(macData, authSafeBytes, password);

  const contents: Pkcs12Contents = { certificates: [], keys: [] };
  for (const info of children(parseDer(authSafeBytes))) {
    const type = oid(child(info, 0));
    if (type === OID.data) {
      readSafeContents(parseDer(octets(explicit(child(info, 1)))), password, contents);
    } else if (type === OID.encryptedData) {
      const encryptedData = explicit(child(info, 1));
      const contentInfo = child(encryptedData, 1);
      const algorithm = child(contentInfo, 1);
      const encryptedContent = optionalChild(contentInfo, 2);
      if (!encryptedContent) continue;
      readSafeContents(parseDecrypted(pbeDecrypt(algorithm, password, octets(encryptedContent))), password, contents);
    } else {
      throw new Pkcs12Error('unsupported', 'a safe encrypted to a public key');
    }
  }
  return contents;
}

/** RFC 7292 section 5 / appendix B: HMAC over the authenticated safe under a key from the password. */
function verifyMac(macData: Node, authSafe: Buffer, password: string): void {
  const digestInfo = child(macData, 0);
  const algorithm = oid(child(child(digestInfo, 0), 0));
  if (algorithm === OID.pbmac1) throw new Pkcs12Error('unsupported', 'PBMAC1 integrity');
  const hash = MAC_HASHES[algorithm];
  if (!hash) throw new Pkcs12Error('unsupported', `a MAC with ${algorithm}`);
  const expected = octets(child(digestInfo, 1));
  const salt = octets(child(macData, 1));
  const iterationsNode = optionalChild(macData, 2);
  const iterations = checkedIterations(iterationsNode ? integer(iterationsNode) : 1);
  const candidates = password === '' ? [bmpPassword(''), Buffer.alloc(0)] : [bmpPassword(password)];
  for (const candidate of candidates) {
    const key = pkcs12Kdf(hash, candidate, salt, iterations, KDF_PURPOSE.mac, expected.length);
    const actual = createHmac(hash, key).update(authSafe).digest();
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return;
  }
  throw new Pkcs12Error('wrong-password', 'the MAC does not match');
}

/** Decrypted content that is not DER is what a wrong key gives when the padding happened to pass. */
function parseDecrypted(bytes: Buffer): Node {
  try {
    return parseDer(bytes);
  } catch {
    throw new DecryptError('decrypted content is not DER');
  }
}

function readSafeContents(safeContents: Node, password: string, out: Pkcs12Contents): void {
  for (const bag of children(safeContents)) {
    const bagId = oid(child(bag, 0));
    const value = explicit(child(bag, 1));
    const attributes = readAttributes(optionalChild(bag, 2));
    if (bagId === OID.keyBag) {
      out.keys.push({ pkcs8: encoded(value), localKeyId: attributes.localKeyId });
    } else if (bagId === OID.shroudedKeyBag) {
      const plain = pbeDecrypt(child(value, 0), password, octets(child(value, 1)));
      // Re-encode through the parser so trailing garbage from a lucky pad is caught.
      out.keys.push({ pkcs8: encoded(parseDecrypted(plain)), localKeyId: attributes.localKeyId });
    } else if (bagId === OID.certBag) {
      if (oid(child(value, 0)) !== OID.x509Certificate) continue; // SDSI certificates: none in the wild
      out.certificates.push({ der: octets(explicit(child(value, 1))), ...attributes });
    } else if (bagId === OID.safeContentsBag) {
      readSafeContents(value, password, out);
    }
    // CRL and secret bags hold nothing Sealmail uses.
  }
}

function readAttributes(set: Node | undefined): { localKeyId: string | null; friendlyName: string | null } {
  const result = { localKeyId: null as string | null, friendlyName: null as string | null };
  if (!set) return result;
  for (const attribute of children(set)) {
    const type = oid(child(attribute, 0));
    const first = children(child(attribute, 1))[0];
    if (!first) continue;
    if (type === OID.localKeyId) result.localKeyId = octets(first).toString('hex');
    if (type === OID.friendlyName) result.friendlyName = octets(first).swap16().toString('utf16le');
  }
  return result;
}

/** A DER SEQUENCE whose declared length runs past the end of the bytes: a cut-off download. */
function looksTruncated(file: Uint8Array): boolean {
  if (file.length < 2 || file[0] !== 0x30) return false;
  const first = file[1]!;
  if (first < 0x80) return first + 2 > file.length;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || file.length < 2 + count) return count !== 0;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + file[2 + i]!;
  return 2 + count + length > file.length;
}
