/**
 * A keystore double for S/MIME tests: `self` as the user's identity (none when null), the fixture's
 * CA as the only authority, and encryption certificates for `self` and `people`. Collected signers
 * are reported to `collected`, as "email fingerprint".
 */
import type { X509Certificate } from 'node:crypto';
import type { IdentitySummary } from '../../../../shared/certificates';
import type { Keystore } from '../../keystore/keystore';
import type { SmimeFixture } from './smime-fixture';
import type { TestIdentity } from './test-pki';

export function keystoreDouble(f: SmimeFixture, self: TestIdentity | null, people: TestIdentity[], collected: string[] = []): Keystore {
  const summary = self ? ({ certificate: { fingerprint256: self.certificate.x509.fingerprint256 } } as IdentitySummary) : null;
  const find = (email: string) => [...(self ? [self] : []), ...people].find((p) => p.email === email)?.certificate.x509 ?? null;
  return {
    identities: async () => (summary ? [summary] : []),
    identityForAccount: async (_account, address) => (self && address === self.email ? summary : null),
    privateKeyFor: async () => self!.key,
    certificateChain: async () => (self ? [self.certificate.x509, f.ca.certificate.x509] : []),
    personFor: async () => null,
    encryptionCertificateFor: async (email) => find(email),
    collectSigner: async (certificate: X509Certificate, _capabilities, context) => {
      collected.push(`${context.email} ${certificate.fingerprint256}`);
      return { result: 'added', person: { email: context.email, certificates: [], encryptionFingerprint256: null, changed: null } };
    },
    authorityPems: async () => [f.ca.certPem],
  };
}
