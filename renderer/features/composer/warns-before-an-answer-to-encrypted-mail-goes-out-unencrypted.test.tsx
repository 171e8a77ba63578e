/**
 * Answers to encrypted mail (issue 6 item 5): turning Encrypt off shows a warning beside the
 * toggle, and Send asks for an explicit choice before the quoted text goes out unencrypted.
 * Answers to mail that was not encrypted show no warning and send at once.
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { PreparedDraft } from '../../../shared/compose-types';
import { mailboxHandlers, renderApp } from '../../test/fixtures';

const prepared = (originalEncrypted: boolean, forward = false): PreparedDraft => ({
  to: forward ? [] : ['bob@example.test'],
  cc: [],
  subject: forward ? 'Fwd: Quarterly report' : 'Re: Quarterly report',
  text: '\n\nOn Tue, Bob wrote:\n> The secret figures',
  inReplyTo: forward ? null : '<m3@example.test>',
  references: forward ? [] : ['<m3@example.test>'],
  attachments: [],
  notice: null,
  originalEncrypted,
});

const sent = async () => ({ messageId: '<r@t>', accepted: [], savedToSent: true });
const REPLY_WARNING = 'The message you are replying to was encrypted. Sending this reply unencrypted exposes the quoted text.';

async function reply(mode: 'Reply' | 'Forward') {
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });
  fireEvent.click(within(reader).getByRole('button', { name: mode }));
  return screen.findByRole('dialog', { name: mode });
}

test('turning Encrypt off in a reply to encrypted mail warns, and Send asks before sending it unencrypted', async () => {
  const fake = renderApp(mailboxHandlers({ prepareReply: async () => prepared(true), sendMessage: sent }));
  const dialog = await reply('Reply');
  expect(within(dialog).queryByRole('alert')).toBeNull();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  const warning = within(dialog).getByRole('alert');
  expect(warning.textContent).toBe(REPLY_WARNING);
  expect(within(dialog).getByRole('button', { name: 'Encrypt' }).getAttribute('aria-describedby')).toBe(warning.id);

  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  const question = await within(dialog).findByRole('alert', { name: 'Not sent' });
  expect(question.textContent).toContain(REPLY_WARNING);
  expect(fake.calls.some((c) => c.name === 'sendMessage')).toBe(false);

  // Turning it back on answers the question; nothing was sent.
  fireEvent.click(within(question).getByRole('button', { name: 'Turn encryption back on' }));
  expect(within(dialog).getByRole('button', { name: 'Encrypt' }).getAttribute('aria-pressed')).toBe('true');
  expect(within(dialog).queryByRole('alert')).toBeNull();

  // Off again, and this time the user confirms.
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  fireEvent.click(within(await within(dialog).findByRole('alert', { name: 'Not sent' })).getByRole('button', { name: 'Send unencrypted anyway' }));
  await screen.findByText('Message sent');
  expect(fake.calls.filter((c) => c.name === 'sendMessage').map((c) => c.input)).toEqual([expect.objectContaining({ sign: false, encrypt: false, inReplyTo: '<m3@example.test>' })]);
});

test('a forward of encrypted mail says its content would be exposed', async () => {
  renderApp(mailboxHandlers({ prepareReply: async () => prepared(true, true) }));
  const dialog = await reply('Forward');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  expect(within(dialog).getByRole('alert').textContent).toBe('The message you are forwarding was encrypted. Sending it unencrypted exposes its content.');
});

test('a reply to mail that was not encrypted has no warning and sends unencrypted when asked', async () => {
  const fake = renderApp(mailboxHandlers({ prepareReply: async () => prepared(false), sendMessage: sent }));
  const dialog = await reply('Reply');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  expect(within(dialog).queryByRole('alert')).toBeNull();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  await waitFor(() => expect(fake.calls.some((c) => c.name === 'sendMessage')).toBe(true));
});
