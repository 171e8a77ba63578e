/**
 * What most S/MIME tests share: a test CA with alice (RSA) and bob (EC P-256), a trust context that
 * trusts only that CA, and helpers to build and read messages. Call `cleanup()` in afterAll.
 */
import type { Clock } from '../../ports';
import { readSecureMessage, type ReadOptions, type SecureMessage } from '../read-secure-message';
import { signEntity, type SignerIdentity } from '../sign-entity';
import { textEntity, withMessageHeaders } from '../mime/compose-entity';
import { TestPki, type TestCa, type TestIdentity } from './test-pki';

export interface SmimeFixture {
  pki: TestPki;
  ca: TestCa;
  alice: TestIdentity;
  bob: TestIdentity;
  clock: Clock;
  now: Date;
  signer(identity: TestIdentity): SignerIdentity;
  /** A complete message from `identity`, signed by `by` (default: the sender). */
  signedMessage(identity: TestIdentity, text: string, options?: { by?: TestIdentity; from?: string }): Buffer;
  read(raw: Buffer, options?: Partial<ReadOptions>): Promise<SecureMessage>;
  cleanup(): void;
}

export function createSmimeFixture(): SmimeFixture {
  const pki = new TestPki();
  const ca = pki.createCa('ca');
  const alice = pki.issue(ca, 'alice@example.test', { keyType: 'rsa' });
  const bob = pki.issue(ca, 'bob@example.test', { keyType: 'ec' });
  const now = new Date();
  const clock: Clock = { now: () => now };
  const signer = (identity: TestIdentity): SignerIdentity => ({ key: identity.key, certificate: identity.certificate, chain: [ca.certificate] });
  return {
    pki, ca, alice, bob, clock, now, signer,
    signedMessage(identity, text, options = {}) {
      const entity = signEntity(textEntity(text), signer(options.by ?? identity), clock);
      return withMessageHeaders(entity, { from: options.from ?? identity.email, to: ['carol@example.test'], subject: 'Signed', date: now });
    },
    read(raw, options = {}) {
      return readSecureMessage(raw, { anchors: [ca.certificate], knownCertificates: [], at: new Date(), revocation: null, decryptor: null, ...options });
    },
    cleanup: () => pki.cleanup(),
  };
}
