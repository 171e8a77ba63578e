/**
 * Builds the SmimeService as every front door does: the system roots plus the user's authorities as
 * anchors, revocation over plain http with the pkijs engine passed in, the given keystore and clock.
 * A keystore that does not exist yet (or `null`, none at all) still reads mail: signatures are
 * judged against the system roots and `extraAnchors`, and encrypted mail says to import a certificate.
 */
import { rootCertificates } from 'node:tls';
import type { Clock } from '../ports';
import { createCryptoEngine } from './cms/crypto-engine';
import { keystoreOrNone, type KeystoreWithStatus } from '../keystore/keystore-or-none';
import { createHttpFetcher } from './revocation/http-fetch';
import { RevocationService } from './revocation/revocation-service';
import { SmimeService } from './smime-service';

/** `extraAnchors`: PEM roots trusted besides the system's (a company CA; the test CA in tests). */
export function createSmimeService(keystore: KeystoreWithStatus | null, clock: Clock, extraAnchors: readonly string[] = []): SmimeService {
  return new SmimeService({
    keystore: keystoreOrNone(keystore),
    clock,
    revocation: new RevocationService(createHttpFetcher(), createCryptoEngine()),
    systemAnchors: [...rootCertificates, ...extraAnchors],
  });
}
