// A first sync stores older mail below what is in view and reports a change every few hundred
// milliseconds; each report reloads the list. Rows whose message did not change are not drawn again.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test, vi } from 'vitest';
import type { RowSenderLineProps } from '../components/RowSenderLine';
import { giveListPanesAWindowHeight } from './list-pane-height';
import type { ConversationSummary } from '../../shared/conversation-types';
import { mailboxHandlers, numberedMessages, renderApp, storedInbox } from './fixtures';

/** Every row drawn, flat or grouped, draws its first line once. */
const drawn = vi.hoisted(() => ({ rows: 0 }));
vi.mock('../components/RowSenderLine', async (original) => {
  const actual = await original<typeof import('../components/RowSenderLine')>();
  return {
    RowSenderLine: (props: RowSenderLineProps) => {
      drawn.rows++;
      return actual.RowSenderLine(props);
    },
  };
});

giveListPanesAWindowHeight();

test('reloads during a first sync draw no row in view again, whether the folder grew below them or nothing changed', async () => {
  const inbox = storedInbox(numberedMessages(300, 5000));
  const fake = renderApp(mailboxHandlers({ listMessages: inbox.listMessages }));
  await screen.findByText('Note 5000');
  await screen.findByText('300 messages');
  const before = drawn.rows;
  const reloads = () => fake.calls.filter((c) => c.name === 'listMessages').length;

  // Older mail is stored below the rows in view: the count changes, the rows do not.
  inbox.messages = [...inbox.messages, ...numberedMessages(200, 4700, 'Older')];
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await screen.findByText('500 messages');

  // Nothing changed at all.
  const asked = reloads();
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await waitFor(() => expect(reloads()).toBe(asked + 1));
  await new Promise((resolve) => setTimeout(resolve, 20));

  expect(drawn.rows).toBe(before);
  expect(screen.getByText('Note 5000')).toBeTruthy();
});

test('a reload that changes a row in view draws that row again', async () => {
  const inbox = storedInbox(numberedMessages(300, 5000, 'Note', { seen: true }));
  const fake = renderApp(mailboxHandlers({ listMessages: inbox.listMessages }));
  await screen.findByText('Note 5000');
  const before = drawn.rows;

  inbox.messages = inbox.messages.map((m) => (m.uid === 4999 ? { ...m, seen: false } : m));
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });

  await waitFor(() => expect(document.querySelector('[data-uid="4999"]')?.getAttribute('data-unread')).toBe('true'));
  expect(drawn.rows).toBeGreaterThan(before);
});

test('grouped by conversation, a reload that only counts more messages draws no row in view again', async () => {
  window.localStorage.clear();
  const conversations: ConversationSummary[] = numberedMessages(300, 5000).map((latest) => ({
    id: `<t${latest.uid}@x>`, latest, count: 1, unread: 0, flagged: false, hasAttachments: false, participants: [latest.from!],
  }));
  let messages = 300;
  const fake = renderApp(
    mailboxHandlers({
      listConversations: async ({ offset, limit }) => ({ conversations: conversations.slice(offset, offset + limit), hasMore: offset + limit < conversations.length, messages, offset }),
    }),
  );
  await screen.findByText('Quarterly report');
  fireEvent.click(await screen.findByRole('button', { name: 'Group by conversation' }));
  await screen.findByText('300 messages');
  await screen.findByText('Note 5000');
  const before = drawn.rows;

  // A sync stored replies into conversations below the page: the count changes, the rows in view do not.
  messages = 320;
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await screen.findByText('320 messages');
  await new Promise((resolve) => setTimeout(resolve, 20));

  expect(drawn.rows).toBe(before);
});
