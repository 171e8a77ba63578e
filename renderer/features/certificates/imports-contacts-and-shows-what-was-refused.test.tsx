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
const view = (overrides: Partial<CertificateView>): CertificateView => ({
  subject: 'CN=Bob',
  issuer: 'O=Test CA',
  emails: ['bob@example.test'],
  fingerprint256: fingerprint('01'),
  serialNumber: '01',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  validation: 'address-verified',
  isAuthority: false,
  keyType: 'EC P-256',
  warnings: [],
  ...overrides,
});

test('imports a .vcf from the People tab, lists the new person as from a vCard, and shows each refusal with its reason', async () => {
  const overview: KeystoreOverview = { identities: [], people: [], authorities: [], accountIdentities: {} };
  const bob: PersonSummary = {
    email: 'bob@example.test',
    certificates: [{ certificate: view({}), source: 'vcard', firstSeen: '2026-12-01T00:00:00.000Z', lastSeen: '2026-12-01T00:00:00.000Z', capabilities: null }],
    encryptionFingerprint256: fingerprint('01'),
    changed: null,
  };
  const fake = createFakeApi({
    keystoreStatus: async () => ({ state: 'unlocked', protection: 'os-keychain' }),
    listKeystore: async () => structuredClone(overview),
    importContacts: async () => {
      overview.people.push(bob);
      return { added: [bob], refused: [{ contact: 'Mallory <mallory@example.test>', reason: "The card's certificate is for bob@example.test, not for an address on the card (mallory@example.test)." }] };
    },
  });
  render(
    <ApiProvider api={fake.api}>
      <CertificateManager account={account} onClose={() => undefined} />
    </ApiProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: /Certificates/ });
  fireEvent.click(await within(dialog).findByRole('tab', { name: 'People' }));
  expect(await within(dialog).findByRole('button', { name: 'Import contacts (.vcf)…' })).toBeTruthy();
  const vcf = new File(['BEGIN:VCARD\r\nEND:VCARD\r\n'], 'contacts.vcf', { type: 'text/vcard' });
  fireEvent.change(within(dialog).getByLabelText('Contacts file (.vcf)'), { target: { files: [vcf] } });

  const status = await within(dialog).findByRole('status', { name: 'Contacts import' });
  expect(status.textContent).toContain('Added certificates for bob@example.test.');
  expect(within(status).getByRole('list', { name: 'Refused' }).textContent).toContain("Mallory <mallory@example.test>: The card's certificate is for bob@example.test");
  const list = await within(dialog).findByRole('list', { name: 'People' });
  expect(within(list).getByText('From a vCard')).toBeTruthy();
  // A found certificate can be confirmed, like a collected one.
  expect(within(list).getByRole('button', { name: 'Confirm' })).toBeTruthy();
  const call = fake.calls.find((c) => c.name === 'importContacts');
  expect(call?.input).toEqual({ fileName: 'contacts.vcf', data: btoa('BEGIN:VCARD\r\nEND:VCARD\r\n') });
});

test('says where a different certificate came from when a vCard brought it', async () => {
  const confirmed = view({});
  const fromCard = view({ fingerprint256: fingerprint('02'), notBefore: '2026-06-01T00:00:00.000Z' });
  const bob: PersonSummary = {
    email: 'bob@example.test',
    certificates: [
      { certificate: confirmed, source: 'confirmed', firstSeen: '2026-02-01T00:00:00.000Z', lastSeen: '2026-02-01T00:00:00.000Z', capabilities: null },
      { certificate: fromCard, source: 'vcard', firstSeen: '2026-07-01T00:00:00.000Z', lastSeen: '2026-07-01T00:00:00.000Z', capabilities: null },
    ],
    encryptionFingerprint256: confirmed.fingerprint256,
    changed: { at: '2026-07-01T00:00:00.000Z', fingerprint256: fromCard.fingerprint256 },
  };
  const fake = createFakeApi({
    keystoreStatus: async () => ({ state: 'unlocked', protection: 'os-keychain' }),
    listKeystore: async () => ({ identities: [], people: [bob], authorities: [], accountIdentities: {} }),
  });
  render(
    <ApiProvider api={fake.api}>
      <CertificateManager account={account} onClose={() => undefined} />
    </ApiProvider>,
  );
  const dialog = await screen.findByRole('dialog', { name: /Certificates/ });
  fireEvent.click(await within(dialog).findByRole('tab', { name: 'People' }));
  const list = await within(dialog).findByRole('list', { name: 'People' });
  expect(within(list).getByRole('note').textContent).toBe(
    'bob@example.test has a different certificate in a vCard you imported on 2026-07-01. Both are kept; confirm the new one if you expected the change.',
  );
});
