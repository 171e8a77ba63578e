/**
 * Issue 14, item 3: the Signed badge says "identity verified" only when the core's one rule
 * (electron/core/keystore/validation-level.ts) said so for the signer's certificate; the renderer
 * never guesses it from the subject (a VeriSign Class 1 subject carries the CA's O= beside a name
 * nobody checked).
 */
import { expect, test } from 'vitest';
import type { CertificateInfo, SmimeVerdict } from '../../shared/smime-types';
import { badgeLabel, securityBadges } from './security-badges';

function signedBy(certificate: CertificateInfo): SmimeVerdict {
  return {
    signature: {
      status: 'valid',
      signer: { email: certificate.emails[0]!, name: 'Chief Executive Officer', validation: 'trusted', fingerprint256: certificate.fingerprint256 },
      reason: null,
      details: {
        signingTime: null, digestAlgorithm: 'SHA-256', signatureAlgorithm: 'ECDSA', chain: [certificate],
        revocation: 'good', revocationReason: null, capabilities: null, signerCertificatePem: null,
      },
    },
    encryption: { status: 'none', algorithm: null, reason: null, integrityProtected: false },
  };
}

const certificate = (subject: string, validation: CertificateInfo['validation']): CertificateInfo => ({
  subject, issuer: 'O=Example CA, CN=Example CA', serialNumber: '01', fingerprint256: 'AA:BB', validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z', emails: ['boss@example.test'], validation,
});

test('a VeriSign Class 1 signer with O= and a typed name is only "address verified"', () => {
  const subject = 'O=VeriSign, Inc., OU=VeriSign Trust Network, OU=Persona Not Validated, OU=Digital ID Class 1 - Netscape, CN=Chief Executive Officer, emailAddress=boss@example.test';
  const label = badgeLabel(securityBadges(signedBy(certificate(subject, 'address-verified')))[0]!);
  expect(label).toBe('Signed: address verified · Chief Executive Officer <boss@example.test>');
  expect(label).not.toContain('identity verified');
});

test('a signer the core found identity verified is shown so, with or without an O=', () => {
  const label = badgeLabel(securityBadges(signedBy(certificate('CN=Alice Liddell, emailAddress=boss@example.test', 'identity-verified')))[0]!);
  expect(label).toMatch(/^Signed: identity verified · /);
});
