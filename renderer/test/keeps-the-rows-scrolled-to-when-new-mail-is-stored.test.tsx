// A first sync stores new mail every few hundred milliseconds; each time the open list reloads.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { giveListPanesAWindowHeight } from './list-pane-height';
import { mailboxHandlers, numberedMessages, renderApp, storedInbox, summary } from './fixtures';

giveListPanesAWindowHeight();

test('new mail stored while the reader is far down a long list keeps every row already scrolled to', async () => {
  const inbox = storedInbox(numberedMessages(900, 900));
  const fake = renderApp(mailboxHandlers({ listMessages: inbox.listMessages }));
  const list = await screen.findByRole('listbox', { name: 'Messages' });
  // Short lists render every row; long ones (virtualised) say their length on each row.
  const setSize = () => list.querySelector('[role="option"]')?.getAttribute('aria-setsize') ?? String(list.querySelectorAll('[role="option"]').length);
  for (let shown = 200; shown <= 600; shown += 100) {
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(setSize()).toBe(String(shown)));
  }

  // A sync stores a newer message; the reload asks for the largest page the contract allows (500).
  inbox.messages = [summary(901, { subject: 'Fresh news' }), ...inbox.messages];
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });

  await screen.findByText('Fresh news');
  expect(setSize()).toBe('601');
  const reload = fake.calls.filter((c) => c.name === 'listMessages').at(-1)!.input as { offset: number; limit: number };
  expect(reload).toMatchObject({ offset: 0, limit: 500 });
  // The rows below the reloaded page are still there, once each, and "Load more" goes on after them.
  fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
  await waitFor(() => expect(setSize()).toBe('701'));
});

test('a reload of a grouped list loaded to its end keeps every conversation and offers no more', async () => {
  window.localStorage.clear();
  const conversations = Array.from({ length: 650 }, (_, i) => {
    const latest = summary(2 * (650 - i), { subject: `Thread ${650 - i}` });
    return { id: `<t${i}@x>`, latest, count: 2, unread: 0, flagged: false, hasAttachments: false, participants: [latest.from!] };
  });
  const fake = renderApp(
    mailboxHandlers({
      listConversations: async ({ offset, limit }) => ({
        conversations: conversations.slice(offset, offset + limit), hasMore: offset + limit < conversations.length, messages: 1300, offset,
      }),
    }),
  );
  await screen.findByRole('option', { name: /Quarterly report/ });
  fireEvent.click(await screen.findByRole('button', { name: 'Group by conversation' }));
  const pages = () => fake.calls.filter((c) => c.name === 'listConversations').length;
  for (let page = 1; page <= 6; page++) {
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(pages()).toBe(page + 1));
  }
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull());

  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await waitFor(() => expect(pages()).toBe(8));
  expect(fake.calls.filter((c) => c.name === 'listConversations').at(-1)!.input).toMatchObject({ offset: 0, limit: 500 });
  // The 150 conversations below the reloaded page are kept, and the list still knows it has them all.
  const tree = screen.getByRole('tree');
  await waitFor(() => expect(tree.querySelector('[role="treeitem"]')?.getAttribute('aria-setsize')).toBe('650'));
  expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  window.localStorage.clear();
});
