/**
 * The pkijs crypto engine over Node's WebCrypto, made once by whoever composes the S/MIME service
 * and passed in where pkijs hashes or signs (OCSP requests): no global engine is set.
 */
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

export function createCryptoEngine(): pkijs.ICryptoEngine {
  return new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto: webcrypto as unknown as Crypto });
}
