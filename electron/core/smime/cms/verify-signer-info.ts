/**
 * The arithmetic of one SignerInfo (RFC 5652 §5.4, §5.6): the messageDigest attribute equals the
 * digest of exactly the bytes given, the contentType attribute matches, and the signature over the
 * DER SET OF signed attributes verifies with the signer certificate's key.
 */
import { createHash, timingSafeEqual, verify as cryptoVerify, constants } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toBuffer } from './asn1';
import { readCapabilities, type RecipientCapabilities } from './capabilities';
import { matchesIdentifier, type SmimeCertificate } from './certificate';
import { DIGEST_NAMES, OID } from './oids';
import { RefusedStructure, type ParsedSignedData } from './signed-data';

export interface SignerCheck {
  signer: SmimeCertificate;
  digestName: string;
  signatureAlgorithm: string;
  signingTime: Date | null;
  capabilities: RecipientCapabilities | null;
}

const SIGNATURE_NAMES: Record<string, { kind: 'rsa' | 'ecdsa' | 'rsa-pss'; digest?: string }> = {
  [OID.rsaEncryption]: { kind: 'rsa' },
  [OID.sha1WithRsa]: { kind: 'rsa', digest: 'sha1' },
  [OID.sha256WithRsa]: { kind: 'rsa', digest: 'sha256' },
  [OID.sha384WithRsa]: { kind: 'rsa', digest: 'sha384' },
  [OID.sha512WithRsa]: { kind: 'rsa', digest: 'sha512' },
  [OID.md5WithRsa]: { kind: 'rsa', digest: 'md5' },
  [OID.rsaPss]: { kind: 'rsa-pss' },
  [OID.ecPublicKey]: { kind: 'ecdsa' },
  [OID.ecdsaWithSha1]: { kind: 'ecdsa', digest: 'sha1' },
  [OID.ecdsaWithSha256]: { kind: 'ecdsa', digest: 'sha256' },
  [OID.ecdsaWithSha384]: { kind: 'ecdsa', digest: 'sha384' },
  [OID.ecdsaWithSha512]: { kind: 'ecdsa', digest: 'sha512' },
};

/**
 * Checks the signature over `content`. Throws RefusedStructure when the math fails (reported as
 * invalid) and Error when the signature cannot be read at all.
 */
export function checkSignerInfo(parsed: ParsedSignedData, content: Buffer, extraCertificates: SmimeCertificate[]): SignerCheck {
  const info = parsed.signerInfo;
  const signer = [...parsed.certificates, ...extraCertificates].find((c) => matchesIdentifier(c, info.sid));
  if (!signer) throw new SignerUnknown('the signer\'s certificate is neither in the message nor known to Sealmail');
  const digestName = DIGEST_NAMES[info.digestAlgorithm.algorithmId];
  if (!digestName) throw new Error(`the signature uses an unknown digest (${info.digestAlgorithm.algorithmId})`);
  const algorithm = SIGNATURE_NAMES[info.signatureAlgorithm.algorithmId];
  if (!algorithm) throw new Error(`the signature uses an unknown algorithm (${info.signatureAlgorithm.algorithmId})`);
  if (algorithm.digest && algorithm.digest !== digestName) throw new RefusedStructure('the signature names two different digest algorithms');

  const contentDigest = createHash(digestName).update(content).digest();
  let signedBytes: Buffer;
  let signingTime: Date | null = null;
  let capabilities: RecipientCapabilities | null = null;
  if (info.signedAttrs) {
    const attrs = info.signedAttrs.attributes;
    const single = (oid: string) => {
      const found = attrs.filter((a) => a.type === oid);
      if (found.length > 1 || (found[0] && found[0].values.length !== 1)) throw new RefusedStructure(`the signed attribute ${oid} appears more than once`);
      return found[0]?.values[0];
    };
    const messageDigest = single(OID.messageDigest);
    if (!(messageDigest instanceof asn1js.OctetString)) throw new RefusedStructure('the signature has no message digest');
    const claimed = toBuffer(messageDigest.valueBlock.valueHexView);
    if (claimed.length !== contentDigest.length || !timingSafeEqual(claimed, contentDigest)) {
      throw new RefusedStructure('the content was changed after it was signed (its digest does not match)');
    }
    const contentType = single(OID.contentType);
    if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== parsed.eContentType) {
      throw new RefusedStructure('the signed content type does not match the content');
    }
    signingTime = readTime(single(OID.signingTime));
    capabilities = readCapabilities(single(OID.smimeCapabilities));
    // RFC 5652 §5.4: the signature is over the EXPLICIT SET OF tag, not the [0] IMPLICIT one.
    signedBytes = Buffer.from(info.signedAttrs.encodedValue);
    if (signedBytes.length === 0) throw new Error('the signed attributes could not be read');
    signedBytes[0] = 0x31;
  } else {
    signedBytes = content;
  }

  const signature = toBuffer(info.signature.valueBlock.valueHexView);
  const key = signer.x509.publicKey;
  let ok: boolean;
  try {
    if (algorithm.kind === 'rsa') ok = cryptoVerify(digestName, signedBytes, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    else if (algorithm.kind === 'ecdsa') ok = cryptoVerify(digestName, signedBytes, { key, dsaEncoding: 'der' }, signature);
    else ok = verifyPss(info, signedBytes, signature, key);
  } catch {
    ok = false;
  }
  if (!ok) throw new RefusedStructure('the signature does not match the signer\'s key: the message or its signature was altered');
  return { signer, digestName, signatureAlgorithm: describeAlgorithm(algorithm.kind, digestName, signer), signingTime, capabilities };
}

export class SignerUnknown extends Error {}

function verifyPss(info: pkijs.SignerInfo, data: Buffer, signature: Buffer, key: import('node:crypto').KeyObject): boolean {
  const params = new pkijs.RSASSAPSSParams({ schema: info.signatureAlgorithm.algorithmParams });
  const digest = DIGEST_NAMES[params.hashAlgorithm.algorithmId];
  if (!digest) return false;
  return cryptoVerify(digest, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: params.saltLength }, signature);
}

function readTime(value: unknown): Date | null {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate();
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

function describeAlgorithm(kind: string, digest: string, signer: SmimeCertificate): string {
  const key = signer.x509.publicKey;
  const details = key.asymmetricKeyDetails;
  const keyText = key.asymmetricKeyType === 'ec' ? `ECDSA ${details?.namedCurve ?? ''}`.trim() : `RSA ${details?.modulusLength ?? ''}`.trim();
  return `${keyText}${kind === 'rsa-pss' ? ' PSS' : ''} with ${digest.toUpperCase().replace('SHA', 'SHA-')}`;
}
