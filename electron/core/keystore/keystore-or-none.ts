/**
 * The keystore as its users see it where there may be none yet. The vault answers
 * KEYSTORE_LOCKED both when it is locked and when no keystore file exists, but someone with no
 * keystore must be told to import a certificate, not to unlock one: here a missing keystore (or
 * none at all, `null`: the CLI without --keystore) answers NOT_FOUND. SmimeService.read turns that
 * into "set up your certificates" while still judging signatures against the system roots, and the
 * composer's readiness into "import one under Certificates".
 */
import { SealmailError } from '../../../shared/errors';
import type { Keystore } from './keystore';
import type { KeystoreStatus } from './keystore-vault';

/** What KeystoreService offers: the Keystore calls plus whether the keystore exists at all. */
export interface KeystoreWithStatus extends Keystore {
  status(): Promise<KeystoreStatus>;
}

const NO_KEYSTORE = 'There is no keystore yet, so you have no certificates of your own.';

export function keystoreOrNone(keystore: KeystoreWithStatus | null): Keystore {
  const use = async <R>(call: (k: Keystore) => Promise<R>): Promise<R> => {
    if (!keystore) throw new SealmailError('NOT_FOUND', NO_KEYSTORE);
    try {
      return await call(keystore);
    } catch (error) {
      const locked = error instanceof SealmailError && error.code === 'KEYSTORE_LOCKED';
      if (locked && (await keystore.status()).state === 'missing') throw new SealmailError('NOT_FOUND', NO_KEYSTORE, { cause: error });
      throw error;
    }
  };
  return {
    identities: () => use((k) => k.identities()),
    identityForAccount: (accountId, address) => use((k) => k.identityForAccount(accountId, address)),
    privateKeyFor: (fingerprint256) => use((k) => k.privateKeyFor(fingerprint256)),
    certificateChain: (fingerprint256) => use((k) => k.certificateChain(fingerprint256)),
    personFor: (email) => use((k) => k.personFor(email)),
    encryptionCertificateFor: (email) => use((k) => k.encryptionCertificateFor(email)),
    collectSigner: (certificate, capabilities, context) => use((k) => k.collectSigner(certificate, capabilities, context)),
    authorityPems: () => use((k) => k.authorityPems()),
  };
}
