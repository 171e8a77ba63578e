import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import type { CertificateView, IdentitySummary, KeystoreOverview, KeystoreStatus } from '../../../shared/certificates';
import type { Account } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import { ApiProvider } from '../../api/api-context';
import { createFakeApi } from '../../test/fake-api';
import { CertificateManager } from './CertificateManager';

afterEach(cleanup);

const account: Account = { id: 'acc-1', address: 'alice@example.test', displayName: 'Alice', imap: { host: 'i.example.test', port: 993 }, smtp: { host: 's.example.test', port: 465 } };

const certificate: CertificateView = {
  subject: 'CN=Alice Example, emailAddress=alice@example.test',
  issuer: 'O=Test CA',
  emails: ['alice@example.test'],
  fingerprint256: Array.from({ length: 32 }, () => 'AB').join(':'),
  serialNumber: '01',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2027-01-01T00:00:00.000Z',
  validation: 'identity-verified',
  isAuthority: false,
  keyType: 'RSA 2048',
  warnings: ['no-email-protection'],
};

function setup() {
  let status: KeystoreStatus = { state: 'locked', protection: 'passphrase' };
  const overview: KeystoreOverview = { identities: [], people: [], authorities: [], accountIdentities: {} };
  const identity: IdentitySummary = { certificate, chain: [], importedAt: '2026-11-29T00:00:00.000Z', sourceFile: 'alice.p12' };
  const fake = createFakeApi({
    keystoreStatus: async () => status,
    unlockKeystore: async ({ passphrase }) => {
      if (passphrase !== 'the right passphrase') throw new SealmailError('WRONG_PASSWORD', 'That passphrase does not open your keystore.');
      status = { state: 'unlocked', protection: 'passphrase' };
      return status;
    },
    listKeystore: async () => structuredClone(overview),
    importIdentity: async ({ fileName, password }) => {
      if (password !== 'p12 password') throw new SealmailError('WRONG_PASSWORD', `wrong password for ${fileName}`);
      overview.identities.push(identity);
      return { kind: 'identities', identities: [identity], alreadyPresent: 0 };
    },
    removeIdentity: async () => {
      overview.identities = [];
      return { removed: true };
    },
  });
  render(
    <ApiProvider api={fake.api}>
      <CertificateManager account={account} onClose={() => undefined} />
    </ApiProvider>,
  );
  return fake;
}

test('unlocks the keystore, imports a .p12 after a wrong password, shows its validation level and removes it only after confirmation', async () => {
  const fake = setup();
  const dialog = await screen.findByRole('dialog', { name: /Certificates/ });

  fireEvent.change(await within(dialog).findByLabelText('Keystore passphrase'), { target: { value: 'wrong one' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }));
  expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', 'That passphrase does not open your keystore.');
  fireEvent.change(within(dialog).getByLabelText('Keystore passphrase'), { target: { value: 'the right passphrase' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Unlock' }));

  const file = new File([new Uint8Array([0x30, 0x82, 0x01, 0x00])], 'alice.p12', { type: 'application/x-pkcs12' });
  fireEvent.change(await within(dialog).findByLabelText('Certificate file (.p12, .pfx)'), { target: { files: [file] } });
  fireEvent.change(within(dialog).getByLabelText('File password'), { target: { value: 'guess' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
  expect((await within(dialog).findByRole('alert')).textContent).toBe('wrong password for alice.p12');

  fireEvent.change(within(dialog).getByLabelText('File password'), { target: { value: 'p12 password' } });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Import' }));
  expect(await within(dialog).findByText('Imported alice@example.test: Identity verified.')).toBeTruthy();
  const list = await within(dialog).findByRole('list', { name: 'Your certificates' });
  expect(within(list).getByText('Identity verified')).toBeTruthy();
  expect(within(list).getByText(/not meant for e-mail/)).toBeTruthy();
  const importCall = fake.calls.find((c) => c.name === 'importIdentity')!;
  expect(importCall.input).toEqual({ fileName: 'alice.p12', data: 'MIIBAA==', password: 'guess' });

  fireEvent.click(within(list).getByRole('button', { name: 'Remove' }));
  expect(fake.calls.some((c) => c.name === 'removeIdentity')).toBe(false);
  fireEvent.click(within(list).getByRole('button', { name: 'Remove for good' }));
  expect(await within(dialog).findByText('No certificate yet')).toBeTruthy();
});
