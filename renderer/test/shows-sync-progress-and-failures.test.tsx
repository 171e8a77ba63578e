import { act, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { SealmailError } from '../../shared/errors';
import { mailboxHandlers, renderApp } from './fixtures';

test('sync progress for the open folder is shown as a progress bar', async () => {
  const fake = renderApp(mailboxHandlers());
  await screen.findByRole('option', { name: /Quarterly report/ });

  act(() => fake.emit('syncProgress', { accountId: 'acc-1', folder: 'INBOX', done: 40, total: 120 }));
  const bar = screen.getByRole('progressbar', { name: 'Sync progress' });
  expect(bar.getAttribute('aria-valuenow')).toBe('40');
  expect(bar.getAttribute('aria-valuemax')).toBe('120');
  expect(screen.getByText('Syncing… 40 of 120')).toBeTruthy();

  act(() => fake.emit('syncProgress', { accountId: 'acc-1', folder: 'INBOX', done: 120, total: 120 }));
  expect(screen.queryByRole('progressbar')).toBeNull();
});

test('a sync that cannot start is reported, and the stored messages stay readable', async () => {
  renderApp(
    mailboxHandlers({
      syncFolder: async () => {
        throw new SealmailError('HOST_UNREACHABLE');
      },
    }),
  );
  expect(await screen.findByText('Sync failed: The server could not be reached.')).toBeTruthy();
  expect(screen.getByRole('option', { name: /Quarterly report/ })).toBeTruthy();
});

test('accounts that cannot be loaded are explained instead of a blank window', async () => {
  renderApp({
    listAccounts: async () => {
      throw new SealmailError('STORAGE_FAILED');
    },
  });
  expect((await screen.findByRole('alert')).textContent).toContain('Sealmail could not write to its profile folder.');
  expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
});
