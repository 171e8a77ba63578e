import { act, fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { mailboxHandlers, renderApp } from '../../test/fixtures';

const receipt = { commandId: 'cmd-1', undoUntil: new Date(Date.now() + 60_000).toISOString() };

test('the selected message can be marked unread, and Undo takes it back', async () => {
  const fake = renderApp(mailboxHandlers({ setFlags: async () => receipt, undoCommand: async () => ({ undone: true }) }));
  fireEvent.click(await screen.findByRole('option', { name: /Welcome to Sealmail/ }));
  fireEvent.click(screen.getByRole('button', { name: 'Mark as unread' }));

  expect(await screen.findByText('Marked as unread.')).toBeTruthy();
  expect(fake.calls.find((c) => c.name === 'setFlags')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', uids: [1], flag: 'seen', value: false });

  fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
  await act(async () => undefined);
  expect(fake.calls.find((c) => c.name === 'undoCommand')?.input).toEqual({ commandId: 'cmd-1' });
  expect(screen.queryByText('Marked as unread.')).toBeNull();
});

test('archive and delete act on the selected message; a later refusal is shown in words', async () => {
  const fake = renderApp(mailboxHandlers({ archiveMessages: async () => receipt, deleteMessages: async () => receipt }));
  const option = await screen.findByRole('option', { name: /Quarterly report/ });
  const toolbar = within(screen.getByRole('toolbar', { name: 'Message actions' }));
  expect((toolbar.getByRole('button', { name: 'Archive' }) as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(option);
  fireEvent.click(toolbar.getByRole('button', { name: 'Archive' }));
  expect(await screen.findByText('Archived.')).toBeTruthy();
  fireEvent.click(toolbar.getByRole('button', { name: 'Delete' }));
  expect(await screen.findByText('Deleted.')).toBeTruthy();
  expect(fake.calls.filter((c) => c.name === 'archiveMessages' || c.name === 'deleteMessages').map((c) => c.input)).toEqual([
    { accountId: 'acc-1', folder: 'INBOX', uids: [3] },
    { accountId: 'acc-1', folder: 'INBOX', uids: [3] },
  ]);

  act(() => fake.emit('commandFailed', { accountId: 'acc-1', folder: 'INBOX', commandId: 'cmd-1', message: 'Moving 1 message to Archive failed and was undone: no space.' }));
  expect((await screen.findAllByRole('alert')).some((el) => el.textContent?.includes('failed and was undone'))).toBe(true);
});

test('the Delete and e keys delete and archive the selected message, with Undo', async () => {
  const fake = renderApp(mailboxHandlers({ archiveMessages: async () => receipt, deleteMessages: async () => receipt }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));

  fireEvent.keyDown(document.body, { key: 'e' });
  expect(await screen.findByText('Archived.')).toBeTruthy();
  fireEvent.keyDown(document.body, { key: 'Delete' });
  expect(await screen.findByText('Deleted.')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
  expect(fake.calls.filter((c) => c.name === 'archiveMessages' || c.name === 'deleteMessages').map((c) => c.name)).toEqual(['archiveMessages', 'deleteMessages']);
});
