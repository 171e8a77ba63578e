/** The certificate manager's calls, answered by the keystore service. Only summaries go back. */
import type { HandlersFor } from '../../../shared/contract';
import type { keystoreCalls } from '../../../shared/calls/keystore-calls';
import type { KeystoreService } from './keystore-service';

export function keystoreHandlers(keystore: KeystoreService): HandlersFor<typeof keystoreCalls> {
  const bytes = (data: string) => Buffer.from(data, 'base64');
  return {
    keystoreStatus: () => keystore.status(),
    createKeystore: ({ passphrase }) => keystore.create(passphrase),
    unlockKeystore: ({ passphrase }) => keystore.unlock(passphrase),
    listKeystore: () => keystore.overview(),
    importIdentity: ({ fileName, data, password }) => keystore.importIdentity(fileName, bytes(data), password),
    inspectCertificates: ({ fileName, data, password }) => keystore.inspect(fileName, bytes(data), password),
    addPeople: ({ fileName, data, password }) => keystore.addPeople(fileName, bytes(data), password),
    importContacts: ({ fileName, data }) => keystore.importContacts(fileName, bytes(data)),
    addAuthority: ({ fileName, data, password, fingerprint256 }) => keystore.addAuthority(fileName, bytes(data), password, fingerprint256),
    removeAuthority: async ({ fingerprint256 }) => {
      await keystore.removeAuthority(fingerprint256);
      return { removed: true };
    },
    removeIdentity: async ({ fingerprint256 }) => {
      await keystore.removeIdentity(fingerprint256);
      return { removed: true };
    },
    exportCertificate: ({ fingerprint256 }) => keystore.exportCertificate(fingerprint256),
    chooseAccountIdentity: async ({ accountId, fingerprint256 }) => {
      await keystore.chooseAccountIdentity(accountId, fingerprint256);
      return { chosen: true };
    },
    confirmPersonCertificate: ({ email, fingerprint256 }) => keystore.confirmPersonCertificate(email, fingerprint256),
    removePersonCertificate: async ({ email, fingerprint256 }) => {
      await keystore.removePersonCertificate(email, fingerprint256);
      return { removed: true };
    },
  };
}
