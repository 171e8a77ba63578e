import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ComposeReadiness } from '../../shared/compose-types';
import { mailboxHandlers, renderApp } from './fixtures';

const cannotProtect = async ({ recipients }: { recipients: string[] }): Promise<ComposeReadiness> => ({
  sign: { available: false, reason: 'not yet.' },
  encrypt: { available: false, reason: 'not yet.' },
  recipients: recipients.map((address) => ({ address, certificate: 'unknown' })),
});

test('a mailto: link that launched Sealmail opens the composer filled in once the window is up, and a later one does not replace the draft', async () => {
  const fake = renderApp(mailboxHandlers({ composeReadiness: cannotProtect }));
  // Sent while the window is still starting: before the mail screen is there to listen.
  act(() => fake.emit('composeRequested', { to: ['bob@example.test'], cc: ['carol@example.test'], subject: 'Tickets', body: 'Two, please.' }));
  const dialog = await screen.findByRole('dialog', { name: 'New message' });
  expect(screen.getAllByRole('dialog')).toHaveLength(1);
  expect(within(dialog).getByLabelText('Subject')).toHaveProperty('value', 'Tickets');
  expect(within(dialog).getByLabelText('Message')).toHaveProperty('value', 'Two, please.');
  expect(dialog.textContent).toContain('bob@example.test');
  expect(dialog.textContent).toContain('carol@example.test');

  act(() => fake.emit('composeRequested', { to: ['mallory@example.test'], cc: [], subject: 'Other', body: '' }));
  expect(within(screen.getByRole('dialog', { name: 'New message' })).getByLabelText('Subject')).toHaveProperty('value', 'Tickets');
  expect(screen.getByRole('dialog', { name: 'New message' }).textContent).not.toContain('mallory@example.test');
});

test("the application menu's New Message opens an empty composer", async () => {
  const fake = renderApp(mailboxHandlers({ composeReadiness: cannotProtect }));
  await screen.findByRole('button', { name: 'Compose' });
  // A menu command is not kept for later, so the window must be listening before the menu is used.
  await waitFor(() => expect(fake.listening('menuCommand')).toBe(true));
  expect(screen.queryByRole('dialog', { name: 'New message' })).toBeNull();
  act(() => fake.emit('menuCommand', { command: 'newMessage' }));
  const dialog = await screen.findByRole('dialog', { name: 'New message' });
  expect(within(dialog).getByLabelText('Subject')).toHaveProperty('value', '');
  // Reply with no message open, or New Message while composing, changes nothing.
  fireEvent.change(within(dialog).getByLabelText('Subject'), { target: { value: 'Draft' } });
  act(() => fake.emit('menuCommand', { command: 'reply' }));
  act(() => fake.emit('menuCommand', { command: 'newMessage' }));
  expect(screen.getAllByRole('dialog')).toHaveLength(1);
  expect(within(screen.getByRole('dialog', { name: 'New message' })).getByLabelText('Subject')).toHaveProperty('value', 'Draft');
});
