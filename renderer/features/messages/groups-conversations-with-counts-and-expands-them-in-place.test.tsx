import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ConversationSummary } from '../../../shared/conversation-types';
import type { MessageSummary } from '../../../shared/domain';
import { inboxMessages, mailboxHandlers, renderApp, summary } from '../../test/fixtures';
import { GROUP_BY_CONVERSATION_KEY } from './use-group-by-conversation';

const carol = { name: 'Carol', address: 'carol@example.test' };
const plans: MessageSummary[] = [
  summary(10, { subject: 'Plans', date: '2024-03-05T08:00:00.000Z' }),
  summary(11, { subject: 'Re: Plans', from: carol, date: '2024-03-05T09:00:00.000Z', seen: false }),
  summary(12, { subject: 'Re: Plans', date: '2024-03-05T10:00:00.000Z', seen: false }),
];
const thread = (latest: MessageSummary, members: MessageSummary[], id: string): ConversationSummary => ({
  id,
  latest,
  count: members.length,
  unread: members.filter((m) => !m.seen).length,
  flagged: false,
  hasAttachments: false,
  participants: [...new Map(members.map((m) => [m.from!.address, m.from!])).values()],
});
const lunch = summary(9, { subject: 'Lunch on Friday?', date: '2024-03-05T07:00:00.000Z' });

function handlers(conversations: () => ConversationSummary[], members: () => Record<number, MessageSummary[]>) {
  return mailboxHandlers({
    listConversations: async ({ offset }) => ({ conversations: conversations().slice(offset), hasMore: false, messages: 4, offset }),
    listConversation: async ({ uid }) => members()[uid] ?? [],
    deleteMessages: async () => ({ commandId: 'cmd-1', undoUntil: new Date(Date.now() + 60_000).toISOString() }),
  });
}

const simple = () => handlers(() => [thread(plans[2]!, plans, '<p@x>'), thread(lunch, [lunch], '<l@x>')], () => ({ 12: plans }));

beforeEach(() => window.localStorage.clear());
afterEach(() => window.localStorage.clear());

test('the toggle groups the list into conversations, each with its count and senders, and is remembered', async () => {
  renderApp(simple());
  await screen.findByRole('option', { name: /Quarterly report/ });
  const toggle = screen.getByRole('button', { name: 'Group by conversation' });
  expect(toggle.getAttribute('aria-pressed')).toBe('false');

  fireEvent.click(toggle);
  expect(toggle.getAttribute('aria-pressed')).toBe('true');
  const tree = await screen.findByRole('tree', { name: 'Messages' });
  const rows = within(tree).getAllByRole('treeitem');
  expect(rows).toHaveLength(2);
  expect(rows[0]!.textContent).toContain('Bob Example and Carol');
  expect(rows[0]!.querySelector('.conversation-count')?.textContent).toBe('3');
  expect(rows[0]!.querySelector<HTMLElement>('.conversation-count')!.hidden).toBe(false);
  expect(rows[0]!.getAttribute('aria-expanded')).toBe('false');
  // The badge is for the eye; a screen reader hears the count with the unread words.
  expect(rows[0]!.textContent).toContain('3 messages, 2 unread.');
  // A conversation of one is a plain row: no count, nothing to expand (the row keeps both, hidden, for reuse while scrolling).
  expect(rows[1]!.querySelector<HTMLElement>('.conversation-count')!.hidden).toBe(true);
  expect(rows[1]!.querySelector<HTMLElement>('.conversation-twisty')!.hidden).toBe(true);
  expect(rows[1]!.hasAttribute('aria-expanded')).toBe(false);
  expect(window.localStorage.getItem(GROUP_BY_CONVERSATION_KEY)).toBe('true');

  // After a restart the list opens grouped, without asking for the flat list.
  cleanup();
  const again = renderApp(simple());
  expect(await screen.findByRole('tree', { name: 'Messages' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Group by conversation' }).getAttribute('aria-pressed')).toBe('true');
  expect(again.calls.some((c) => c.name === 'listMessages')).toBe(false);
});

test('selecting a conversation opens its newest message; Right expands it in place and arrows walk its messages', async () => {
  window.localStorage.setItem(GROUP_BY_CONVERSATION_KEY, 'true');
  const fake = renderApp(simple());
  const tree = await screen.findByRole('tree', { name: 'Messages' });
  fireEvent.click(within(tree).getAllByRole('treeitem')[0]!);
  await act(async () => undefined);
  expect(fake.calls.filter((c) => c.name === 'openMessage').at(-1)?.input).toMatchObject({ uid: 12 });

  fireEvent.keyDown(tree, { key: 'ArrowRight' });
  await screen.findByRole('treeitem', { name: /^Unread\. Carol/ });
  expect(fake.calls.find((c) => c.name === 'listConversation')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', uid: 12 });
  const rows = within(tree).getAllByRole('treeitem');
  expect(rows.map((r) => r.getAttribute('aria-level'))).toEqual(['1', '2', '2', '2', '1']);
  expect(rows[0]!.getAttribute('aria-expanded')).toBe('true');

  // Right again steps into the conversation (its oldest message), Down to the next one.
  fireEvent.keyDown(tree, { key: 'ArrowRight' });
  await act(async () => undefined);
  expect(fake.calls.filter((c) => c.name === 'openMessage').at(-1)?.input).toMatchObject({ uid: 10 });
  fireEvent.keyDown(tree, { key: 'ArrowDown' });
  await act(async () => undefined);
  expect(fake.calls.filter((c) => c.name === 'openMessage').at(-1)?.input).toMatchObject({ uid: 11 });
  expect(within(tree).getAllByRole('treeitem')[2]!.getAttribute('aria-selected')).toBe('true');

  // j moves on like Down; Left goes back to the conversation, Left again closes it.
  fireEvent.keyDown(document.body, { key: 'j' });
  await act(async () => undefined);
  expect(fake.calls.filter((c) => c.name === 'openMessage').at(-1)?.input).toMatchObject({ uid: 12 });
  expect(within(tree).getAllByRole('treeitem')[3]!.getAttribute('aria-selected')).toBe('true');
  fireEvent.keyDown(tree, { key: 'ArrowLeft' });
  await act(async () => undefined);
  expect(within(tree).getAllByRole('treeitem')[0]!.getAttribute('aria-selected')).toBe('true');
  fireEvent.keyDown(tree, { key: 'ArrowLeft' });
  expect(within(tree).getAllByRole('treeitem')).toHaveLength(2);
});

test('Delete acts on the selected message of a conversation', async () => {
  window.localStorage.setItem(GROUP_BY_CONVERSATION_KEY, 'true');
  const fake = renderApp(simple());
  const tree = await screen.findByRole('tree', { name: 'Messages' });
  fireEvent.click(within(tree).getAllByRole('treeitem')[0]!);
  fireEvent.keyDown(tree, { key: 'ArrowRight' });
  await screen.findByRole('treeitem', { name: /^Unread\. Carol/ });
  fireEvent.click(screen.getByRole('treeitem', { name: /^Unread\. Carol/ }));
  await act(async () => undefined);
  fireEvent.keyDown(document.body, { key: 'Delete' });
  expect(await screen.findByText('Deleted.')).toBeTruthy();
  expect(fake.calls.find((c) => c.name === 'deleteMessages')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', uids: [11] });
});

test('a reply arriving (messagesChanged) moves its conversation up and shows it in the open conversation', async () => {
  window.localStorage.setItem(GROUP_BY_CONVERSATION_KEY, 'true');
  let members = [...plans];
  let list = () => [thread(lunch, [lunch], '<l@x>'), thread(plans[2]!, members, '<p@x>')];
  const fake = renderApp(handlers(() => list(), () => Object.fromEntries(members.map((m) => [m.uid, members]))));
  const tree = await screen.findByRole('tree', { name: 'Messages' });
  expect(within(tree).getAllByRole('treeitem')[0]!.textContent).toContain('Lunch');
  fireEvent.click(within(tree).getAllByRole('treeitem')[1]!.querySelector('.conversation-twisty')!);
  await screen.findByRole('treeitem', { name: /^Unread\. Carol/ });

  const reply = summary(13, { subject: 'Re: Plans', from: carol, date: '2024-03-05T11:00:00.000Z', seen: false });
  members = [...plans, reply];
  list = () => [thread(reply, members, '<p@x>'), thread(lunch, [lunch], '<l@x>')];
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });

  await screen.findByText('4 messages', { exact: false });
  const rows = within(tree).getAllByRole('treeitem');
  expect(rows).toHaveLength(6);
  expect(rows[0]!.getAttribute('aria-expanded')).toBe('true');
  expect(rows.at(-2)!.getAttribute('data-uid')).toBe('13');
  expect(rows.at(-1)!.textContent).toContain('Lunch');
});

test('searching while grouped shows the matching messages as a flat list', async () => {
  window.localStorage.setItem(GROUP_BY_CONVERSATION_KEY, 'true');
  renderApp({ ...simple(), searchMessages: async () => ({ messages: [inboxMessages[0]!], total: 1, offset: 0 }) });
  await screen.findByRole('tree', { name: 'Messages' });
  fireEvent.change(screen.getByRole('searchbox', { name: 'Search messages' }), { target: { value: 'report' } });
  expect(await screen.findByRole('option', { name: /Quarterly report/ })).toBeTruthy();
  expect(screen.queryByRole('tree')).toBeNull();
});
