import { act, fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ComposeReadiness } from '../../shared/compose-types';
import { mailboxHandlers, renderApp } from './fixtures';

const cannotProtect = async ({ recipients }: { recipients: string[] }): Promise<ComposeReadiness> => ({
  sign: { available: false, reason: 'not yet.' },
  encrypt: { available: false, reason: 'not yet.' },
  recipients: recipients.map((address) => ({ address, certificate: 'unknown' })),
});

test('a mailto: link handed to Sealmail opens the composer filled in, and does not replace a draft being written', async () => {
  const fake = renderApp(mailboxHandlers({ composeReadiness: cannotProtect }));
  await screen.findByRole('button', { name: 'Compose' });

  act(() => fake.emit('composeRequested', { to: ['bob@example.test'], cc: ['carol@example.test'], subject: 'Tickets', body: 'Two, please.' }));
  const dialog = await screen.findByRole('dialog', { name: 'New message' });
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
