/**
 * Issue 14, item 4: eve's good signature under a From name that spells manager's address is the
 * core's 'misleading-name'. The reader sees a red badge that says the name shown is another
 * address and whose signature it is, never "Signed"; the details say both addresses.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { SmimeVerdict } from '../../shared/smime-types';
import { mailboxHandlers, renderApp, view } from './fixtures';

const reason = 'Signed by eve@bigcorporation.de, but the name shown, manager@bigcorporation.de, is another address.';
const eveCertificate = {
  subject: 'CN=eve\nemailAddress=eve@bigcorporation.de', issuer: 'CN=Sealmail Test CA', serialNumber: '0E', fingerprint256: 'EE:EE',
  validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-01-01T00:00:00.000Z', emails: ['eve@bigcorporation.de'], validation: 'address-verified' as const,
};
const misleading: SmimeVerdict = {
  signature: {
    status: 'misleading-name',
    signer: { email: 'eve@bigcorporation.de', name: 'eve', validation: 'trusted', fingerprint256: 'EE:EE' },
    reason,
    details: {
      signingTime: null, digestAlgorithm: 'SHA-256', signatureAlgorithm: 'ECDSA', chain: [eveCertificate],
      revocation: 'good', revocationReason: null, capabilities: null, signerCertificatePem: null,
    },
  },
  encryption: { status: 'none', algorithm: null, reason: null, integrityProtected: false },
};

test('a misleading sender name shows a red badge saying the name is another address, and its details name both', async () => {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, { security: misleading }) }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  const badge = await within(reader).findByRole('button', { name: /^Misleading name/ });
  expect(badge.getAttribute('aria-label')).toBe('Misleading name: the name shown is another address; signed by eve <eve@bigcorporation.de>');
  expect(badge.className).toContain('security-danger');
  expect(within(reader).queryByRole('button', { name: /^Signed/ })).toBeNull();

  fireEvent.click(badge);
  const panel = within(reader).getByRole('region', { name: 'Signature details' });
  expect(within(panel).getByText(reason)).toBeTruthy();
});
