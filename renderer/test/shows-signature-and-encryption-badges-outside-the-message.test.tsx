import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { SmimeVerdict } from '../../shared/smime-types';
import { mailboxHandlers, renderApp, view } from './fixtures';

const bobCertificate = {
  subject: 'CN=bob\nemailAddress=bob@example.test',
  issuer: 'O=Sealmail Test\nCN=Sealmail Test CA',
  serialNumber: '1A2B',
  fingerprint256: 'AA:BB:CC',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  emails: ['bob@example.test'],
  // CN=bob is only the address's local part: the core calls that address verified.
  validation: 'address-verified' as const,
};
const caCertificate = { ...bobCertificate, subject: 'O=Sealmail Test\nCN=Sealmail Test CA', fingerprint256: 'DD:EE:FF', emails: [] };

const noEncryption: SmimeVerdict['encryption'] = { status: 'none', algorithm: null, reason: null, integrityProtected: false };

const valid: SmimeVerdict = {
  signature: {
    status: 'valid',
    signer: { email: 'bob@example.test', name: 'bob', validation: 'trusted-revocation-unknown', fingerprint256: 'AA:BB:CC' },
    reason: null,
    details: {
      signingTime: '2026-11-28T10:00:00.000Z',
      digestAlgorithm: 'SHA-256',
      signatureAlgorithm: 'ECDSA',
      chain: [bobCertificate, caCertificate],
      revocation: 'not-checked',
      revocationReason: null,
      capabilities: null,
      signerCertificatePem: null,
    },
  },
  encryption: noEncryption,
};

async function openWith(security: SmimeVerdict | undefined, html: string | null = null) {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, { security, html }) }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });
  return reader;
}

test('a valid signature shows a Signed badge outside the message frame, whose details name the signer, chain and algorithms', async () => {
  const reader = await openWith(valid, '<p>Signed: a fake badge drawn by the sender</p>');
  const badge = within(reader).getByRole('button', { name: /^Signed/ });
  expect(badge.getAttribute('aria-label')).toBe('Signed: address verified · bob <bob@example.test>');
  // The badge is the app's, in the header, never inside the sandboxed message frame.
  const frame = reader.querySelector('iframe');
  expect(frame).not.toBeNull();
  expect(frame?.contains(badge)).toBe(false);
  expect(badge.closest('header')).not.toBeNull();

  expect(badge.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(badge);
  expect(badge.getAttribute('aria-expanded')).toBe('true');
  const panel = within(reader).getByRole('region', { name: 'Signature details' });
  expect(within(panel).getByText('bob <bob@example.test>')).toBeTruthy();
  expect(within(panel).getByText('Trusted chain; revocation could not be checked')).toBeTruthy();
  expect(within(panel).getByText('SHA-256 with ECDSA')).toBeTruthy();
  expect(panel.querySelectorAll('.security-chain li')).toHaveLength(2);
  expect(within(panel).getByText(/Not checked/)).toBeTruthy();
  expect(within(panel).getByText(/as the signer claims/)).toBeTruthy();
});

test('a tampered message says Signature invalid first, and its panel says why', async () => {
  const reason = 'The signature does not match the message: it was changed after it was signed.';
  const reader = await openWith({ signature: { status: 'invalid', signer: valid.signature.signer, reason, details: valid.signature.details }, encryption: noEncryption });
  const badge = within(reader).getByRole('button', { name: /^Signature invalid/ });
  expect(badge.className).toContain('security-danger');
  fireEvent.click(badge);
  expect(within(within(reader).getByRole('region', { name: 'Signature details' })).getByText(reason)).toBeTruthy();
  expect(within(reader).queryByRole('button', { name: /^Signed/ })).toBeNull();
});

test.each([
  ['untrusted', 'Untrusted'],
  ['expired', 'Expired'],
  ['revoked', 'Revoked'],
  ['address-mismatch', 'Signer is not the sender'],
  ['weak', 'Weak algorithm'],
  ['partial', 'Partly signed'],
  ['none', 'Not signed'],
] as const)('a %s signature is announced starting with "%s"', async (status, word) => {
  const reader = await openWith({ signature: { ...valid.signature, status, reason: status === 'none' ? null : 'because' }, encryption: noEncryption });
  const badge = within(reader).getByRole('button', { name: new RegExp(`^${word}`) });
  expect(badge.textContent?.startsWith(word)).toBe(true);
});

test('decrypted mail shows an Encrypted badge whose panel gives the algorithm and tamper protection', async () => {
  const reader = await openWith({ signature: { status: 'none', signer: null, reason: null, details: null }, encryption: { status: 'decrypted', algorithm: 'AES-256-CBC', reason: null, integrityProtected: false } });
  const badge = within(reader).getByRole('button', { name: /^Encrypted/ });
  expect(badge.getAttribute('aria-label')).toBe('Encrypted: decrypted, but not protected against tampering');
  fireEvent.click(badge);
  const panel = within(reader).getByRole('region', { name: 'Encryption details' });
  expect(within(panel).getByText('AES-256-CBC')).toBeTruthy();
  expect(within(panel).getByText(/remote content never loads/)).toBeTruthy();
});

test('a message that was never checked shows no badge at all', async () => {
  const reader = await openWith(undefined);
  expect(reader.querySelector('.security-badge')).toBeNull();
});
