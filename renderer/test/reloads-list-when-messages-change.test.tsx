import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { MessageSummary } from '../../shared/domain';
import { folders, inboxMessages, mailboxHandlers, renderApp, summary } from './fixtures';

test('a messagesChanged event for the open folder reloads the list and the folder counts', async () => {
  let inbox: MessageSummary[] = inboxMessages;
  let unread = 2;
  const fake = renderApp(
    mailboxHandlers({
      listMessages: async ({ offset }) => ({ messages: inbox.slice(offset), total: inbox.length, offset }),
      listFolders: async () => folders.map((f) => (f.path === 'INBOX' ? { ...f, unread } : f)),
    }),
  );
  await screen.findByRole('option', { name: /Quarterly report/ });
  expect(screen.queryByRole('option', { name: /Fresh news/ })).toBeNull();

  inbox = [summary(4, { subject: 'Fresh news', seen: false }), ...inboxMessages];
  unread = 3;
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });

  expect(await screen.findByRole('option', { name: /Fresh news/ })).toBeTruthy();
  expect(within(screen.getByRole('listbox', { name: 'Messages' })).getAllByRole('option')).toHaveLength(4);
  await screen.findByRole('button', { name: /^Inbox.*3/ });
});

test('a change in another folder or account does not reload the open list', async () => {
  const fake = renderApp(mailboxHandlers());
  await screen.findByRole('option', { name: /Quarterly report/ });
  const listCalls = () => fake.calls.filter((c) => c.name === 'listMessages').length;
  const before = listCalls();

  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'Sent' });
  fake.emit('messagesChanged', { accountId: 'other', folder: 'INBOX' });
  await Promise.resolve();
  expect(listCalls()).toBe(before);
});

test('"Load more" fetches the next page when the folder holds more than is shown', async () => {
  const all = Array.from({ length: 130 }, (_, i) => summary(130 - i, { subject: `Note ${130 - i}` }));
  const fake = renderApp(
    mailboxHandlers({
      listMessages: async ({ offset, limit }) => ({ messages: all.slice(offset, offset + limit), total: all.length, offset }),
    }),
  );
  // Role queries over 100+ rows are slow in a simulated DOM; count the options directly.
  const list = await screen.findByRole('listbox', { name: 'Messages' });
  expect(list.querySelectorAll('[role="option"]')).toHaveLength(100);

  fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
  await screen.findByText('Note 1');
  expect(list.querySelectorAll('[role="option"]')).toHaveLength(130);
  expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  expect(fake.calls.filter((c) => c.name === 'listMessages').map((c) => (c.input as { offset: number }).offset)).toEqual([0, 100]);
});

test('choosing another folder lists it and starts syncing it', async () => {
  const fake = renderApp(mailboxHandlers());
  await screen.findByRole('option', { name: /Quarterly report/ });
  fireEvent.click(screen.getByRole('button', { name: /^Sent/ }));
  expect(await screen.findByText('No messages')).toBeTruthy();
  expect(fake.calls.filter((c) => c.name === 'syncFolder').map((c) => c.input)).toEqual([
    { accountId: 'acc-1', folder: 'INBOX' },
    { accountId: 'acc-1', folder: 'Sent' },
  ]);
});
