/**
 * Builds the SmimeService as every front door does: the system roots plus the user's authorities as
 * anchors, revocation over plain http with the pkijs engine passed in, the given keystore and clock.
 */
import { rootCertificates } from 'node:tls';
import type { Keystore } from '../keystore/keystore';
import type { Clock } from '../ports';
import { createCryptoEngine } from './cms/crypto-engine';
import { createHttpFetcher } from './revocation/http-fetch';
import { RevocationService } from './revocation/revocation-service';
import { SmimeService } from './smime-service';

/** `extraAnchors`: PEM roots trusted besides the system's (a company CA; the test CA in tests). */
export function createSmimeService(keystore: Keystore, clock: Clock, extraAnchors: readonly string[] = []): SmimeService {
  return new SmimeService({
    keystore,
    clock,
    revocation: new RevocationService(createHttpFetcher(), createCryptoEngine()),
    systemAnchors: [...rootCertificates, ...extraAnchors],
  });
}
