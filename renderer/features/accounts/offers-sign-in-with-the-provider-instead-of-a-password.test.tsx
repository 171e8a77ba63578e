import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { Account } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import type { SignInMethod } from '../../../shared/oauth-types';
import type { DiscoveredSettings } from '../../../shared/transport-types';
import { account, deferred, mailboxHandlers, renderApp } from '../../test/fixtures';

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

const microsoft: SignInMethod = {
  method: 'oauth2',
  providerId: 'microsoft',
  providerName: 'Microsoft',
  imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
  smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
  problem: null,
};

const oauthAccount: Account = { ...account, address: 'alice@contoso.test', signIn: { method: 'oauth2', providerId: 'microsoft', providerName: 'Microsoft' } };

test('an address whose provider signs in with OAuth 2.0 gets "Sign in with" instead of a password, and the provider’s servers', async () => {
  const answer = deferred<Account>();
  const fake = renderApp(mailboxHandlers({ listAccounts: async () => [], signInMethod: async () => microsoft, addOAuthAccount: () => answer.promise }));
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@contoso.test');
  fill('Display name', 'Alice');

  const button = await screen.findByRole('button', { name: 'Sign in with Microsoft' });
  expect(screen.queryByLabelText('Password')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Add account' })).toBeNull();
  expect(screen.getByText('Sealmail opens Microsoft in your browser; your password is never given to Sealmail.')).toBeTruthy();
  expect(screen.getByLabelText('IMAP server')).toHaveProperty('value', 'outlook.office365.com');
  expect(screen.getByLabelText('SMTP port')).toHaveProperty('value', '587');
  expect(screen.getByLabelText('SMTP security')).toHaveProperty('value', 'starttls');
  expect(fake.calls.find((c) => c.name === 'signInMethod')?.input).toEqual({ address: 'alice@contoso.test' });

  fireEvent.click(button);
  expect((await screen.findByRole('status')).textContent).toBe('Waiting for you to sign in with Microsoft in your browser…');
  expect(screen.getByRole('button', { name: 'Sign in with Microsoft' })).toHaveProperty('disabled', true);
  expect(fake.calls.find((c) => c.name === 'addOAuthAccount')?.input).toEqual({
    address: 'alice@contoso.test',
    displayName: 'Alice',
    providerId: 'microsoft',
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
  });

  answer.resolve(oauthAccount);
  expect(await screen.findByRole('listbox', { name: 'Messages' })).toBeTruthy();
});

test('after discovery it asks again with the IMAP server found and whether autoconfig advertised OAuth 2.0', async () => {
  const found: DiscoveredSettings = {
    imap: { host: 'imap.contoso.test', port: 993, security: 'tls' },
    smtp: { host: 'smtp.contoso.test', port: 465, security: 'tls' },
    source: { imap: 'autoconfig', smtp: 'autoconfig' },
    discarded: [],
    confirm: [],
    oauth2: true,
  };
  const fake = renderApp({
    listAccounts: async () => [],
    discoverServers: async () => found,
    signInMethod: async (input) => (input.advertisedOAuth2 ? microsoft : { method: 'password' }),
  });
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@contoso.test');
  await waitFor(() => expect(fake.calls.some((c) => c.name === 'signInMethod')).toBe(true));
  expect(screen.getByLabelText('Password')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Find servers' }));
  await screen.findByRole('button', { name: 'Sign in with Microsoft' });
  expect(fake.calls.filter((c) => c.name === 'signInMethod').map((c) => c.input)).toEqual([
    { address: 'alice@contoso.test' },
    { address: 'alice@contoso.test', imapHost: 'imap.contoso.test', advertisedOAuth2: true },
  ]);
  expect(screen.getByLabelText('IMAP server')).toHaveProperty('value', 'imap.contoso.test');
});

test('a refusal is shown beside the form, and "Start again" replaces the sign-in that waits', async () => {
  const attempts = [deferred<Account>(), deferred<Account>()];
  let calls = 0;
  const fake = renderApp(mailboxHandlers({ listAccounts: async () => [], signInMethod: async () => microsoft, addOAuthAccount: () => attempts[calls++]!.promise }));
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@contoso.test');
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in with Microsoft' }));

  fireEvent.click(await screen.findByRole('button', { name: 'Start again' }));
  await waitFor(() => expect(fake.calls.filter((c) => c.name === 'addOAuthAccount')).toHaveLength(2));
  attempts[0]!.reject(new SealmailError('INTERNAL', 'This sign-in was replaced by a newer one.'));
  attempts[1]!.reject(new SealmailError('AUTH_FAILED', 'outlook.office365.com refused the token Microsoft issued.'));

  expect((await screen.findByRole('alert')).textContent).toBe('outlook.office365.com refused the token Microsoft issued.');
  expect(screen.getByRole('status').textContent).toBe('');
  expect(screen.queryByRole('button', { name: 'Start again' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Sign in with Microsoft' })).toHaveProperty('disabled', false);
  expect(screen.getByLabelText('Email address')).toHaveProperty('value', 'alice@contoso.test');
});

test('when sign-in cannot start, the form says why and the button is disabled', async () => {
  const problem = 'Sealmail has no client ID for Microsoft; add one to oauth.json to sign in.';
  const fake = renderApp({ listAccounts: async () => [], signInMethod: async () => ({ ...microsoft, problem }) });
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@contoso.test');

  const button = await screen.findByRole('button', { name: 'Sign in with Microsoft' });
  expect(button).toHaveProperty('disabled', true);
  expect(screen.getByRole('alert').textContent).toBe(problem);
  fireEvent.submit(button.closest('form')!);
  expect(fake.calls.some((c) => c.name === 'addOAuthAccount')).toBe(false);
});

test('a certificate refusal during sign-in goes through the trust dialog', async () => {
  const certificate = {
    subject: 'CN=outlook.office365.com',
    issuer: 'CN=outlook.office365.com',
    fingerprint256: 'AB:'.repeat(31) + 'CD',
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    server: { host: 'outlook.office365.com', port: 993 },
    pinnable: true,
  };
  const fake = renderApp(
    mailboxHandlers({
      listAccounts: async () => [],
      signInMethod: async () => microsoft,
      addOAuthAccount: async (input) => {
        if (!input.imap.pinnedFingerprint256) throw new SealmailError('CERT_UNTRUSTED', 'The certificate of outlook.office365.com is not signed by an authority Sealmail trusts.', { certificate });
        return oauthAccount;
      },
    }),
  );
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@contoso.test');
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in with Microsoft' }));

  const dialog = await screen.findByRole('alertdialog', { name: 'Trust this certificate for outlook.office365.com?' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Trust this certificate' }));
  expect(await screen.findByRole('listbox', { name: 'Messages' })).toBeTruthy();
  expect(fake.calls.filter((c) => c.name === 'addOAuthAccount').at(-1)?.input).toMatchObject({ imap: { pinnedFingerprint256: certificate.fingerprint256 } });
});

test('"Cancel sign-in" stops the wait: the core is asked to stop, and its sentence is shown', async () => {
  const answer = deferred<Account>();
  const fake = renderApp(mailboxHandlers({
    listAccounts: async () => [],
    signInMethod: async () => microsoft,
    addOAuthAccount: () => answer.promise,
    cancelSignIn: async () => {
      answer.reject(new SealmailError('AUTH_FAILED', 'You stopped the sign-in, so nothing was saved.'));
      return { cancelled: true };
    },
  }));
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@contoso.test');
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in with Microsoft' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Cancel sign-in' }));

  expect((await screen.findByRole('alert')).textContent).toBe('You stopped the sign-in, so nothing was saved.');
  expect(fake.calls.filter((c) => c.name === 'cancelSignIn')).toHaveLength(1);
  expect(screen.queryByRole('button', { name: 'Cancel sign-in' })).toBeNull();
  expect(screen.getByRole('button', { name: 'Sign in with Microsoft' })).toHaveProperty('disabled', false);
});
