import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { CallHandlers } from '../../../shared/contract';
import { SealmailError } from '../../../shared/errors';
import type { SignInStatus } from '../../../shared/oauth-types';
import { formatFullDate } from '../../lib/format';
import { account, deferred, mailboxHandlers, renderApp } from '../../test/fixtures';

const oauthAccount = { ...account, signIn: { method: 'oauth2' as const, providerId: 'google', providerName: 'Google' } };

async function openSignIn(handlers: Partial<CallHandlers>) {
  const fake = renderApp(mailboxHandlers({ accountPosture: () => new Promise(() => undefined), ...handlers }));
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));
  const panel = await screen.findByRole('dialog', { name: 'Connection security of alice@example.test' });
  return { fake, section: within(panel).getByRole('region', { name: 'Sign-in' }) };
}

test('an OAuth 2.0 account shows its provider and when the token was last refreshed', async () => {
  const refreshed = '2026-11-29T08:15:00.000Z';
  const { fake, section } = await openSignIn({
    listAccounts: async () => [oauthAccount],
    accountSignIn: async () => ({ method: 'oauth2', providerName: 'Google', lastRefreshedAt: refreshed, signedIn: true }),
  });
  expect(within(section).getByText('Sign-in: OAuth 2.0 (Google)')).toBeTruthy();
  expect(await within(section).findByText(`Token last refreshed ${formatFullDate(refreshed)}`)).toBeTruthy();
  expect(within(section).queryByRole('button', { name: 'Sign in with Google again' })).toBeNull();
  expect(within(section).queryByRole('alert')).toBeNull();
  expect(fake.calls.find((c) => c.name === 'accountSignIn')?.input).toEqual({ accountId: 'acc-1' });
});

test('a token never refreshed yet is said as such', async () => {
  const { section } = await openSignIn({
    listAccounts: async () => [oauthAccount],
    accountSignIn: async () => ({ method: 'oauth2', providerName: 'Google', lastRefreshedAt: null, signedIn: true }),
  });
  expect(await within(section).findByText('Token not yet refreshed')).toBeTruthy();
});

test('a sign-in the provider no longer accepts is said, and signing in again shows its wait and its result', async () => {
  const answer = deferred<SignInStatus>();
  const { fake, section } = await openSignIn({
    listAccounts: async () => [oauthAccount],
    accountSignIn: async () => ({ method: 'oauth2', providerName: 'Google', lastRefreshedAt: '2026-11-01T08:00:00.000Z', signedIn: false }),
    signInAgain: () => answer.promise,
  });
  expect((await within(section).findByRole('alert')).textContent).toMatch(/^Google no longer accepts Sealmail's sign-in\./);
  fireEvent.click(within(section).getByRole('button', { name: 'Sign in with Google again' }));

  expect(within(section).getByRole('status').textContent).toBe('Waiting for you to sign in with Google in your browser…');
  expect(within(section).getByRole('button', { name: 'Sign in with Google again' })).toHaveProperty('disabled', true);
  expect(fake.calls.find((c) => c.name === 'signInAgain')?.input).toEqual({ accountId: 'acc-1' });

  const refreshed = '2026-11-29T09:00:00.000Z';
  answer.resolve({ method: 'oauth2', providerName: 'Google', lastRefreshedAt: refreshed, signedIn: true });
  expect(await within(section).findByText('Signed in with Google again.')).toBeTruthy();
  expect(within(section).getByText(`Token last refreshed ${formatFullDate(refreshed)}`)).toBeTruthy();
  expect(within(section).queryByRole('alert')).toBeNull();
  expect(within(section).queryByRole('button', { name: 'Sign in with Google again' })).toBeNull();
});

test('a failed sign-in again is shown in the core’s words and can be tried once more', async () => {
  const { section } = await openSignIn({
    listAccounts: async () => [oauthAccount],
    accountSignIn: async () => ({ method: 'oauth2', providerName: 'Google', lastRefreshedAt: null, signedIn: false }),
    signInAgain: async () => {
      throw new SealmailError('AUTH_FAILED', 'Google said the sign-in was denied; nothing changed.');
    },
  });
  fireEvent.click(await within(section).findByRole('button', { name: 'Sign in with Google again' }));
  expect(await within(section).findByText('Google said the sign-in was denied; nothing changed.')).toBeTruthy();
  expect(within(section).getByRole('button', { name: 'Sign in with Google again' })).toHaveProperty('disabled', false);
});

test('a password account says so', async () => {
  const { section } = await openSignIn({ accountSignIn: async () => ({ method: 'password' }) });
  expect(within(section).getByText('Sign-in: password')).toBeTruthy();
  expect(within(section).queryByText(/Token/)).toBeNull();
  expect(within(section).queryByRole('button')).toBeNull();
});
