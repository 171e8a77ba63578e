/**
 * The SmimeService collects a signer's certificate into the keystore only for a valid signature,
 * bound to the From address; never for a mismatched, untrusted or invalid one (a forger must not
 * be able to plant a certificate for someone else's address).
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectContext, Keystore } from '../keystore/keystore';
import { SmimeService } from './smime-service';
import { createSmimeFixture, type SmimeFixture } from './testing/smime-fixture';

let f: SmimeFixture;
beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

function fakeKeystore(collected: { fingerprint: string; context: CollectContext; capabilities: unknown }[]): Keystore {
  const none = async () => null;
  return {
    identities: async () => [],
    identityForAccount: none,
    privateKeyFor: async () => ({}) as KeyObject,
    certificateChain: async () => [],
    personFor: none,
    encryptionCertificateFor: none,
    collectSigner: async (certificate: X509Certificate, capabilities, context) => {
      collected.push({ fingerprint: certificate.fingerprint256, context, capabilities });
      return { result: 'added', person: { email: context.email, certificates: [], encryptionFingerprint256: null, changed: null } };
    },
    authorityPems: async () => [f.ca.certPem],
  };
}

describe('reading a signed message', () => {
  it('collects the certificate of a valid signer for the From address, with capabilities', async () => {
    const collected: { fingerprint: string; context: CollectContext; capabilities: unknown }[] = [];
    const service = new SmimeService({ keystore: fakeKeystore(collected), clock: f.clock, revocation: null });
    const result = await service.read(f.signedMessage(f.bob, 'hello'), new Date());
    expect(result.verdict.signature.status).toBe('valid');
    expect(collected).toEqual([{ fingerprint: f.bob.certificate.x509.fingerprint256, context: { email: 'bob@example.test', seenAt: f.now }, capabilities: { aesGcm: true, rsaOaep: true } }]);
  });

  it('collects nothing when the signer is not the sender', async () => {
    const collected: { fingerprint: string; context: CollectContext; capabilities: unknown }[] = [];
    const service = new SmimeService({ keystore: fakeKeystore(collected), clock: f.clock, revocation: null });
    const result = await service.read(f.signedMessage(f.bob, 'I am alice', { from: 'alice@example.test' }), new Date());
    expect(result.verdict.signature.status).toBe('address-mismatch');
    expect(collected).toEqual([]);
  });

  it('collects nothing when the signer chains to an unknown root', async () => {
    const collected: { fingerprint: string; context: CollectContext; capabilities: unknown }[] = [];
    const rogue = f.pki.createCa('rogue-collect', '/O=Sealmail Test/CN=Sealmail Test CA');
    const fake = f.pki.issue(rogue, 'alice@example.test');
    const service = new SmimeService({ keystore: fakeKeystore(collected), clock: f.clock, revocation: null });
    const result = await service.read(f.signedMessage(fake, 'I am alice'), new Date());
    expect(result.verdict.signature.status).toBe('untrusted');
    expect(collected).toEqual([]);
  });
});
