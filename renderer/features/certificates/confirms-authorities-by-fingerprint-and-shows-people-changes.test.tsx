import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import type { CertificateView, KeystoreOverview, PersonSummary } from '../../../shared/certificates';
import type { Account } from '../../../shared/domain';
import { ApiProvider } from '../../api/api-context';
import { createFakeApi } from '../../test/fake-api';
import { CertificateManager } from './CertificateManager';

afterEach(cleanup);

const account: Account = { id: 'acc-1', address: 'alice@example.test', displayName: '', imap: { host: 'i.example.test', port: 993 }, smtp: { host: 's.example.test', port: 465 } };
const fingerprint = (byte: string) => Array.from({ length: 32 }, () => byte).join(':');

function view(overrides: Partial<CertificateView>): CertificateView {
  return {
    subject: 'CN=Someone',
    issuer: 'O=Test CA',
    emails: [],
    fingerprint256: fingerprint('AA'),
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    validation: 'address-verified',
    isAuthority: false,
    keyType: 'EC P-256',
    warnings: [],
    ...overrides,
  };
}

const ca = view({ subject: 'O=Example, CN=Example Mail CA', fingerprint256: fingerprint('CA'), isAuthority: true, validation: 'identity-verified' });

function mount(overview: KeystoreOverview, extra: Parameters<typeof createFakeApi>[0] = {}) {
  const fake = createFakeApi({
    keystoreStatus: async () => ({ state: 'unlocked', protection: 'os-keychain' }),
    listKeystore: async () => structuredClone(overview),
    ...extra,
  });
  render(
    <ApiProvider api={fake.api}>
      <CertificateManager account={account} onClose={() => undefined} />
    </ApiProvider>,
  );
  return fake;
}

test('shows the fingerprint of a new authority and adds it only when the user says it matches', async () => {
  const overview: KeystoreOverview = { identities: [], people: [], authorities: [], accountIdentities: {} };
  const fake = mount(overview, {
    inspectCertificates: async () => [ca],
    addAuthority: async ({ fingerprint256 }) => {
      overview.authorities.push({ certificate: ca, addedAt: '2026-11-29T00:00:00.000Z' });
      expect(fingerprint256).toBe(ca.fingerprint256);
      return { certificate: ca, addedAt: '2026-11-29T00:00:00.000Z' };
    },
  });
  const dialog = await screen.findByRole('dialog', { name: /Certificates/ });
  fireEvent.click(await within(dialog).findByRole('tab', { name: 'Authorities' }));
  const pem = new File(['-----BEGIN CERTIFICATE-----'], 'ca.pem');
  fireEvent.change(within(dialog).getByLabelText('Add an authority (.pem, .crt, .cer)'), { target: { files: [pem] } });
  const confirm = await within(dialog).findByRole('group', { name: 'Confirm the fingerprint' });
  expect(confirm.textContent).toContain(`SHA-256 ${ca.fingerprint256}`);
  expect(fake.calls.some((c) => c.name === 'addAuthority')).toBe(false);
  fireEvent.click(within(confirm).getByRole('button', { name: 'The fingerprint matches: trust it' }));
  const list = await within(dialog).findByRole('list', { name: 'Authorities' });
  expect(await within(list).findByText('O=Example, CN=Example Mail CA')).toBeTruthy();
});

test('shows where each correspondent certificate came from, which one encrypts, and a change', async () => {
  const confirmed = view({ emails: ['bob@example.test'], fingerprint256: fingerprint('01') });
  const collected = view({ emails: ['bob@example.test'], fingerprint256: fingerprint('02'), notBefore: '2026-06-01T00:00:00.000Z' });
  const bob: PersonSummary = {
    email: 'bob@example.test',
    certificates: [
      { certificate: confirmed, source: 'confirmed', firstSeen: '2026-02-01T00:00:00.000Z', lastSeen: '2026-02-01T00:00:00.000Z', capabilities: null },
      { certificate: collected, source: 'collected', firstSeen: '2026-07-01T00:00:00.000Z', lastSeen: '2026-07-01T00:00:00.000Z', capabilities: null },
    ],
    encryptionFingerprint256: confirmed.fingerprint256,
    changed: { at: '2026-07-01T00:00:00.000Z', fingerprint256: collected.fingerprint256 },
  };
  const fake = mount({ identities: [], people: [bob], authorities: [], accountIdentities: {} }, { confirmPersonCertificate: async () => bob });
  const dialog = await screen.findByRole('dialog', { name: /Certificates/ });
  fireEvent.click(await within(dialog).findByRole('tab', { name: 'People' }));
  const list = await within(dialog).findByRole('list', { name: 'People' });
  expect(within(list).getByRole('note').textContent).toContain('signed with a different certificate on 2026-07-01');
  expect(within(list).getByText('Confirmed by you')).toBeTruthy();
  expect(within(list).getByText('Collected from signed mail')).toBeTruthy();
  expect(within(list).getByText(/used to encrypt/)).toBeTruthy();
  fireEvent.click(within(list).getByRole('button', { name: 'Confirm' }));
  await screen.findByRole('dialog');
  expect(fake.calls.find((c) => c.name === 'confirmPersonCertificate')?.input).toEqual({ email: 'bob@example.test', fingerprint256: collected.fingerprint256 });
});
