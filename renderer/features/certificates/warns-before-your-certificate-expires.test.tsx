import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import type { CertificateView, IdentitySummary } from '../../../shared/certificates';
import type { Account } from '../../../shared/domain';
import { ApiProvider } from '../../api/api-context';
import { createFakeApi } from '../../test/fake-api';
import { CertificateManager } from './CertificateManager';

afterEach(cleanup);

const account: Account = { id: 'acc-1', address: 'alice@example.test', displayName: '', imap: { host: 'i.example.test', port: 993 }, smtp: { host: 's.example.test', port: 465 } };
const fingerprint = (byte: string) => Array.from({ length: 32 }, () => byte).join(':');
const view = (overrides: Partial<CertificateView>): CertificateView => ({
  subject: 'CN=Alice',
  issuer: 'O=Test CA',
  emails: ['alice@example.test'],
  fingerprint256: fingerprint('01'),
  serialNumber: '01',
  notBefore: '2026-01-02T00:00:00.000Z',
  notAfter: '2027-01-02T00:00:00.000Z',
  validation: 'address-verified',
  isAuthority: false,
  keyType: 'EC P-256',
  warnings: [],
  ...overrides,
});

test('warns on your certificate 30 days before it expires, and says an expired one no longer signs but still decrypts', async () => {
  const soon: IdentitySummary = { certificate: view({}), chain: [], importedAt: '2026-01-03T00:00:00.000Z', sourceFile: 'alice.p12', renewal: { expiresOn: '2027-01-02', inDays: 12 } };
  const old: IdentitySummary = {
    certificate: view({ fingerprint256: fingerprint('02'), notBefore: '2024-01-02T00:00:00.000Z', notAfter: '2025-01-02T00:00:00.000Z', warnings: ['expired'] }),
    chain: [],
    importedAt: '2024-01-03T00:00:00.000Z',
    sourceFile: 'alice-2024.p12',
    renewal: null,
  };
  const fake = createFakeApi({
    keystoreStatus: async () => ({ state: 'unlocked', protection: 'os-keychain' }),
    listKeystore: async () => ({ identities: [soon, old], people: [], authorities: [], accountIdentities: {} }),
  });
  render(
    <ApiProvider api={fake.api}>
      <CertificateManager account={account} onClose={() => undefined} />
    </ApiProvider>,
  );
  const list = await screen.findByRole('list', { name: 'Your certificates' });
  const [current, expired] = within(list).getAllByRole('listitem');
  expect(within(current!).getByRole('note', { name: 'Renewal' }).textContent).toBe('This certificate expires on 2027-01-02, in 12 days: renew it with your certificate authority.');
  expect(within(expired!).getByRole('note', { name: 'Not used to sign' }).textContent).toBe(
    'Your certificate expired on 2025-01-02; import a renewed one to sign and encrypt. It still decrypts the mail you received while it held.',
  );
  expect(within(expired!).queryByRole('note', { name: 'Renewal' })).toBeNull();
  expect(screen.getByRole('option', { name: /2025-01-02 \(does not sign\)/ })).toBeTruthy();
});
