import { fireEvent, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { Account } from '../../shared/domain';
import { SealmailError } from '../../shared/errors';
import { deferred, renderApp } from './fixtures';

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

test('a refused setup shows the server error beside the form, keeps what was typed and stays on the form', async () => {
  const answer = deferred<Account>();
  const fake = renderApp({
    listAccounts: async () => [],
    addAccount: () => answer.promise,
  });

  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Display name', 'Alice');
  fill('Password', 'hunter2');
  fill('IMAP server', 'imap.example.test');
  fill('SMTP server', 'smtp.example.test');
  fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));

  const busy = await screen.findByRole('button', { name: /Checking servers/ });
  expect(busy).toHaveProperty('disabled', true);

  answer.reject(new SealmailError('AUTH_FAILED', 'imap.example.test refused the address or password.'));
  expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'imap.example.test refused the address or password.');

  expect(screen.getByLabelText('Email address')).toHaveProperty('value', 'alice@example.test');
  expect(screen.getByLabelText('Display name')).toHaveProperty('value', 'Alice');
  expect(screen.getByLabelText('Password')).toHaveProperty('value', 'hunter2');
  expect(screen.getByLabelText('IMAP server')).toHaveProperty('value', 'imap.example.test');
  expect(screen.getByLabelText('IMAP port')).toHaveProperty('value', '993');
  expect(screen.getByLabelText('SMTP port')).toHaveProperty('value', '465');
  expect(screen.getByRole('button', { name: 'Add account' })).toHaveProperty('disabled', false);
  expect(screen.queryByRole('navigation', { name: 'Folders' })).toBeNull();
  expect(fake.calls.map((c) => c.name)).toEqual(['listAccounts', 'addAccount']);
});

test('a form the contract would refuse is explained without calling the core', async () => {
  const fake = renderApp({ listAccounts: async () => [] });
  await screen.findByLabelText('Email address');
  fill('Email address', 'not an address');
  fill('Password', 'x');
  fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));

  expect((await screen.findByRole('alert')).textContent).toMatch(/^Email address: /);
  expect(screen.getByLabelText('Email address').getAttribute('aria-invalid')).toBe('true');
  expect(fake.calls.map((c) => c.name)).toEqual(['listAccounts']);
});
