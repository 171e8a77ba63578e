import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { inboxMessages, mailboxHandlers, renderApp, summary } from '../../test/fixtures';

test('typing in the search box asks the core and shows only the matches; clearing brings the folder back', async () => {
  const fake = renderApp(
    mailboxHandlers({
      searchMessages: async ({ query }) => ({
        messages: query.includes('from:carol') ? [summary(2, { subject: 'Lunch on Friday?' })] : [],
        total: 1,
        offset: 0,
      }),
    }),
  );
  const list = await screen.findByRole('listbox', { name: 'Messages' });
  expect(within(list).getAllByRole('option')).toHaveLength(inboxMessages.length);

  fireEvent.change(screen.getByRole('searchbox', { name: 'Search messages' }), { target: { value: 'from:carol is:unread' } });
  await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Messages' })).getAllByRole('option')).toHaveLength(1));
  expect(fake.calls.filter((c) => c.name === 'searchMessages').at(-1)?.input).toEqual({
    accountId: 'acc-1',
    folder: 'INBOX',
    query: 'from:carol is:unread',
    limit: 500,
  });

  fireEvent.change(screen.getByRole('searchbox', { name: 'Search messages' }), { target: { value: 'nothing-like-this' } });
  expect(await screen.findByText('No matches')).toBeTruthy();

  fireEvent.change(screen.getByRole('searchbox', { name: 'Search messages' }), { target: { value: '' } });
  await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Messages' })).getAllByRole('option')).toHaveLength(inboxMessages.length));
});

test('a burst of keystrokes sends one search, for the last text typed', async () => {
  const fake = renderApp(mailboxHandlers({ searchMessages: async () => ({ messages: [], total: 0, offset: 0 }) }));
  await screen.findByRole('listbox', { name: 'Messages' });
  const box = screen.getByRole('searchbox', { name: 'Search messages' });
  for (const text of ['q', 'qu', 'qua', 'quar']) fireEvent.change(box, { target: { value: text } });
  await screen.findByText('No matches');
  expect(fake.calls.filter((c) => c.name === 'searchMessages').map((c) => (c.input as { query: string }).query)).toEqual(['quar']);
});

test('a search shown is asked again when the folder changes; with none shown, a change asks nothing', async () => {
  let matches = [summary(2, { subject: 'Lunch on Friday?' })];
  const fake = renderApp(mailboxHandlers({ searchMessages: async () => ({ messages: matches, total: matches.length, offset: 0 }) }));
  await screen.findByRole('listbox', { name: 'Messages' });
  const searches = () => fake.calls.filter((c) => c.name === 'searchMessages').length;
  const box = screen.getByRole('searchbox', { name: 'Search messages' });

  fireEvent.change(box, { target: { value: 'lunch' } });
  await waitFor(() => expect(within(screen.getByRole('listbox', { name: 'Messages' })).getAllByRole('option')).toHaveLength(1));
  expect(searches()).toBe(1);
  matches = [summary(9, { subject: 'Lunch moved to Monday' }), ...matches];
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await screen.findByRole('option', { name: /Lunch moved to Monday/ });
  expect(searches()).toBe(2);

  fireEvent.change(box, { target: { value: '' } });
  await screen.findByRole('option', { name: /Quarterly report/ });
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(searches()).toBe(2);
});
