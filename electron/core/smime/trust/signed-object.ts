/**
 * Checks the signature of a signed X.509 object (a CRL, an OCSP response): the DER of its "to be
 * signed" part against the signer's public key, with the algorithm it names (RFC 5280 §4.1.1.2).
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { toBuffer } from '../cms/asn1';
import { OID } from '../cms/oids';

const ALGORITHMS: Record<string, { digest: string; ecdsa: boolean }> = {
  [OID.sha1WithRsa]: { digest: 'sha1', ecdsa: false },
  [OID.sha256WithRsa]: { digest: 'sha256', ecdsa: false },
  [OID.sha384WithRsa]: { digest: 'sha384', ecdsa: false },
  [OID.sha512WithRsa]: { digest: 'sha512', ecdsa: false },
  [OID.ecdsaWithSha1]: { digest: 'sha1', ecdsa: true },
  [OID.ecdsaWithSha256]: { digest: 'sha256', ecdsa: true },
  [OID.ecdsaWithSha384]: { digest: 'sha384', ecdsa: true },
  [OID.ecdsaWithSha512]: { digest: 'sha512', ecdsa: true },
};

export function verifySignedObject(tbs: Uint8Array, algorithm: pkijs.AlgorithmIdentifier, signature: asn1js.BitString, key: KeyObject): boolean {
  const known = ALGORITHMS[algorithm.algorithmId];
  if (!known) return false;
  try {
    const options = known.ecdsa ? { key, dsaEncoding: 'der' as const } : { key, padding: constants.RSA_PKCS1_PADDING };
    return verify(known.digest, toBuffer(tbs), options, toBuffer(signature.valueBlock.valueHexView));
  } catch {
    return false;
  }
}
