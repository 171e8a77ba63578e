import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { Account } from '../../../shared/domain';
import { SealmailError, type CertificateSummary } from '../../../shared/errors';
import type { DiscoveredSettings } from '../../../shared/transport-types';
import { account, mailboxHandlers, renderApp } from '../../test/fixtures';

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

const found: DiscoveredSettings = {
  imap: { host: 'imap.example.test', port: 993, security: 'tls' },
  smtp: { host: 'smtp.example.test', port: 587, security: 'starttls' },
  source: { imap: 'srv', smtp: 'autoconfig' },
  discarded: ['autoconfig offered IMAP at imap.example.test without TLS (plain); ignored'],
  confirm: [],
  oauth2: false,
};

const selfSigned: CertificateSummary = {
  subject: 'CN=imap.example.test',
  issuer: 'CN=imap.example.test',
  fingerprint256: 'AB:'.repeat(31) + 'CD',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
  server: { host: 'imap.example.test', port: 993 },
  pinnable: true,
};

test('an address and a password are enough: the servers are found, shown, and used', async () => {
  const fake = renderApp(mailboxHandlers({ listAccounts: async () => [], discoverServers: async () => found, addAccount: async () => account }));
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Password', 'correct horse');
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

  expect(await screen.findByRole('listbox', { name: 'Messages' })).toBeTruthy();
  expect(fake.calls.find((c) => c.name === 'discoverServers')?.input).toEqual({ address: 'alice@example.test' });
  expect(fake.calls.find((c) => c.name === 'addAccount')?.input).toMatchObject({
    imap: { host: 'imap.example.test', port: 993, security: 'tls' },
    smtp: { host: 'smtp.example.test', port: 587, security: 'starttls' },
  });
});

test('Find servers fills the form and says where the settings came from and what was thrown away', async () => {
  renderApp({ listAccounts: async () => [], discoverServers: async () => found });
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fireEvent.click(screen.getByRole('button', { name: 'Find servers' }));

  await waitFor(() => expect(screen.getByLabelText('IMAP server')).toHaveProperty('value', 'imap.example.test'));
  expect(screen.getByLabelText('SMTP port')).toHaveProperty('value', '587');
  expect(screen.getByLabelText('SMTP security')).toHaveProperty('value', 'starttls');
  const status = screen.getByRole('status');
  expect(status.textContent).toMatch(/from your domain’s DNS \(SRV records\)/);
  expect(status.textContent).toMatch(/without TLS \(plain\); ignored/);
});

test('a server outside the domain, named only by DNS, is shown and waits for a second Add account', async () => {
  const elsewhere = { ...found, imap: { host: 'imap.provider.example', port: 993, security: 'tls' as const }, confirm: ['imap.provider.example is not part of example.test; DNS named it.'] };
  const fake = renderApp(mailboxHandlers({ listAccounts: async () => [], discoverServers: async () => elsewhere, addAccount: async () => account }));
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Password', 'correct horse');
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

  expect((await screen.findByRole('alert')).textContent).toMatch(/imap\.provider\.example is not part of example\.test.*Then choose Add account again\./);
  expect(screen.getByLabelText('IMAP server')).toHaveProperty('value', 'imap.provider.example');
  expect(fake.calls.map((c) => c.name)).toEqual(['listAccounts', 'discoverServers']);

  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  expect(await screen.findByRole('listbox', { name: 'Messages' })).toBeTruthy();
  expect(fake.calls.find((c) => c.name === 'addAccount')?.input).toMatchObject({ imap: { host: 'imap.provider.example' } });
});

test('when nothing secure is found it says so and leaves the server fields to fill by hand', async () => {
  const fake = renderApp({
    listAccounts: async () => [],
    discoverServers: async () => {
      throw new SealmailError('NOT_FOUND', 'Sealmail could not find IMAP and SMTP servers with TLS for example.test. Enter them by hand.');
    },
  });
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Password', 'x');
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

  expect((await screen.findByRole('alert')).textContent).toMatch(/could not find IMAP and SMTP servers/);
  expect(fake.calls.map((c) => c.name)).toEqual(['listAccounts', 'discoverServers']);
});

test('an untrusted certificate is shown in full, and pinned only after "Trust this certificate"', async () => {
  const adds: unknown[] = [];
  const fake = renderApp(
    mailboxHandlers({
      listAccounts: async () => [],
      addAccount: async (input): Promise<Account> => {
        adds.push(input);
        if (!input.imap.pinnedFingerprint256) {
          throw new SealmailError('CERT_UNTRUSTED', 'The certificate of imap.example.test is not signed by an authority Sealmail trusts; Sealmail sent nothing.', {
            certificate: selfSigned,
          });
        }
        return account;
      },
    }),
  );
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Password', 'correct horse');
  fill('IMAP server', 'imap.example.test');
  fill('SMTP server', 'smtp.example.test');
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

  const dialog = await screen.findByRole('alertdialog', { name: 'Trust this certificate for imap.example.test?' });
  expect(dialog.textContent).toContain(selfSigned.fingerprint256);
  expect(dialog.textContent).toContain('CN=imap.example.test');
  expect(dialog.textContent).toContain('2027-01-01');
  // Nothing is trusted by default: the safe answer has the focus (given in the dialog's effect,
  // which may run after the dialog is found on a loaded machine).
  await waitFor(() => expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Don’t trust' })));

  fireEvent.click(within(dialog).getByRole('button', { name: 'Don’t trust' }));
  expect(screen.queryByRole('alertdialog')).toBeNull();
  expect(adds).toHaveLength(1);
  expect(screen.getByRole('alert').textContent).toMatch(/not signed by an authority/);

  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  const again = await screen.findByRole('alertdialog');
  fireEvent.click(within(again).getByRole('button', { name: 'Trust this certificate' }));

  expect(await screen.findByRole('listbox', { name: 'Messages' })).toBeTruthy();
  expect(adds).toHaveLength(3);
  expect(adds[2]).toMatchObject({ imap: { pinnedFingerprint256: selfSigned.fingerprint256 }, smtp: { host: 'smtp.example.test' } });
  expect((adds[2] as { smtp: object }).smtp).not.toHaveProperty('pinnedFingerprint256');
  expect(fake.calls.filter((c) => c.name === 'addAccount')).toHaveLength(3);
});

test('an expired certificate is shown but never offered for trust', async () => {
  renderApp({
    listAccounts: async () => [],
    addAccount: async () => {
      throw new SealmailError('CERT_UNTRUSTED', 'The certificate of imap.example.test expired on 2020-02-01; Sealmail sent nothing.', {
        certificate: { ...selfSigned, validTo: '2020-02-01T00:00:00.000Z', pinnable: false },
      });
    },
  });
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Password', 'correct horse');
  fill('IMAP server', 'imap.example.test');
  fill('SMTP server', 'smtp.example.test');
  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));

  expect((await screen.findByRole('alert')).textContent).toMatch(/expired on 2020-02-01/);
  expect(screen.getByText(selfSigned.fingerprint256)).toBeTruthy();
  expect(screen.queryByRole('alertdialog')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Trust this certificate' })).toBeNull();
});
