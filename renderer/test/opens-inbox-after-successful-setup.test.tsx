import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { account, mailboxHandlers, renderApp } from './fixtures';

test('a successful setup sends the typed settings and opens the inbox', async () => {
  const fake = renderApp(
    mailboxHandlers({
      listAccounts: async () => [],
      addAccount: async () => account,
    }),
  );

  const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  await screen.findByLabelText('Email address');
  fill('Email address', 'alice@example.test');
  fill('Display name', 'Alice Example');
  fill('Password', 'correct horse');
  fill('IMAP server', 'imap.example.test');
  fill('SMTP server', 'smtp.example.test');
  fill('SMTP port', '587');
  fireEvent.click(await screen.findByRole('button', { name: 'Add account' }));

  const list = await screen.findByRole('listbox', { name: 'Messages' });
  expect(within(list).getAllByRole('option')).toHaveLength(3);
  expect(within(list).getByRole('option', { name: /Quarterly report/ })).toBeTruthy();

  const inbox = within(screen.getByRole('navigation', { name: 'Folders' })).getByRole('button', { name: /^Inbox/ });
  expect(inbox.getAttribute('aria-current')).toBe('true');

  expect(fake.calls.find((c) => c.name === 'addAccount')?.input).toEqual({
    address: 'alice@example.test',
    displayName: 'Alice Example',
    password: 'correct horse',
    imap: { host: 'imap.example.test', port: 993, security: 'tls' },
    // 587 is the STARTTLS port: the form switched to STARTTLS, required.
    smtp: { host: 'smtp.example.test', port: 587, security: 'starttls' },
  });
  expect(fake.calls.find((c) => c.name === 'listMessages')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', offset: 0, limit: 100 });
});

test('with an account already set up the app opens straight on the inbox, with a way to add another', async () => {
  renderApp(mailboxHandlers());

  expect(await screen.findByRole('option', { name: /Welcome to Sealmail/ })).toBeTruthy();
  expect(screen.queryByLabelText('Password')).toBeNull();

  fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
  expect(screen.getByLabelText('Email address')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(await screen.findByRole('listbox', { name: 'Messages' })).toBeTruthy();
});

test('unread messages are marked, and the folder shows its unread count', async () => {
  renderApp(mailboxHandlers());

  const unread = await screen.findByRole('option', { name: /Quarterly report/ });
  expect(unread.className).toContain('message-unread');
  expect(screen.getByRole('option', { name: /Welcome to Sealmail/ }).className).toContain('message-read');
  expect(screen.getByRole('button', { name: /^Inbox/ }).textContent).toContain('2');
  // A sender without a name is shown by address.
  expect(screen.getByRole('option', { name: /carol@example\.test/ })).toBeTruthy();
});
