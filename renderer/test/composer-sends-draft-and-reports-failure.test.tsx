import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ComposeReadiness } from '../../shared/compose-types';
import type { SentMessage } from '../../shared/domain';
import { SealmailError } from '../../shared/errors';
import { deferred, mailboxHandlers, renderApp } from './fixtures';

function type(dialog: HTMLElement, label: string, value: string) {
  fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

/** What the core says today: no keystore, no S/MIME sending. */
const cannotProtect = async ({ recipients }: { recipients: string[] }): Promise<ComposeReadiness> => ({
  sign: { available: false, reason: 'this build of Sealmail cannot sign or encrypt mail yet.' },
  encrypt: { available: false, reason: 'this build of Sealmail cannot sign or encrypt mail yet.' },
  recipients: recipients.map((address) => ({ address, certificate: 'unknown' })),
});

/** Turns both toggles off by hand, as a user who means to send unprotected does. */
function sendUnprotected(dialog: HTMLElement) {
  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
}

test('Send passes the draft to the core, closes the composer and says "Message sent"', async () => {
  const answer = deferred<SentMessage>();
  const fake = renderApp(mailboxHandlers({ sendMessage: () => answer.promise, composeReadiness: cannotProtect }));

  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  const dialog = screen.getByRole('dialog', { name: 'New message' });
  type(dialog, 'To', 'bob@example.test, Carol <carol@example.test>');
  type(dialog, 'Cc', 'dave@example.test');
  type(dialog, 'Bcc', 'erin@example.test');
  type(dialog, 'Subject', 'Plans');
  type(dialog, 'Message', 'See you at ten.');
  sendUnprotected(dialog);

  expect(await within(dialog).findByRole('button', { name: /Sending/ })).toHaveProperty('disabled', true);
  expect(fake.calls.find((c) => c.name === 'sendMessage')?.input).toEqual({
    accountId: 'acc-1',
    to: ['bob@example.test', 'carol@example.test'],
    cc: ['dave@example.test'],
    bcc: ['erin@example.test'],
    subject: 'Plans',
    text: 'See you at ten.',
    attachments: [],
    inReplyTo: null,
    references: [],
    sign: false,
    encrypt: false,
  });

  answer.resolve({ messageId: '<x@example.test>', accepted: ['bob@example.test', 'carol@example.test'], savedToSent: true });
  expect(await screen.findByText('Message sent')).toBeTruthy();
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('a failed send keeps the draft and shows why', async () => {
  renderApp(
    mailboxHandlers({
      composeReadiness: cannotProtect,
      sendMessage: async () => {
        throw new SealmailError('SEND_REJECTED', 'smtp.example.test refused the recipient bob@example.test.');
      },
    }),
  );

  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  const dialog = screen.getByRole('dialog', { name: 'New message' });
  type(dialog, 'To', 'bob@example.test');
  type(dialog, 'Subject', 'Plans');
  type(dialog, 'Message', 'See you at ten.');
  sendUnprotected(dialog);

  expect((await within(dialog).findByRole('alert')).textContent).toBe('smtp.example.test refused the recipient bob@example.test.');
  expect(within(dialog).getByRole('list', { name: 'To recipients' }).textContent).toContain('bob@example.test');
  expect(within(dialog).getByLabelText('Subject')).toHaveProperty('value', 'Plans');
  expect(within(dialog).getByLabelText('Message')).toHaveProperty('value', 'See you at ten.');
  expect(within(dialog).getByRole('button', { name: 'Send' })).toHaveProperty('disabled', false);
  expect(screen.queryByText('Message sent')).toBeNull();
});

test('a recipient that is not an address is pointed out before anything is sent', async () => {
  const fake = renderApp(mailboxHandlers({ sendMessage: async () => ({ messageId: '', accepted: [], savedToSent: false }) }));
  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  const dialog = screen.getByRole('dialog', { name: 'New message' });
  type(dialog, 'To', 'bob@example.test, bob at home');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  expect((await within(dialog).findByRole('alert')).textContent).toContain('bob at home');
  expect(fake.calls.some((c) => c.name === 'sendMessage')).toBe(false);
});

test('the c key opens the composer unless the user is typing, and Discard closes it', async () => {
  renderApp(mailboxHandlers());
  await screen.findByRole('option', { name: /Quarterly report/ });

  fireEvent.keyDown(document.body, { key: 'c' });
  const dialog = screen.getByRole('dialog', { name: 'New message' });
  type(dialog, 'Subject', 'c');
  fireEvent.keyDown(within(dialog).getByLabelText('Subject'), { key: 'c' });
  expect(screen.getAllByRole('dialog')).toHaveLength(1);

  fireEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
  expect(screen.queryByRole('dialog')).toBeNull();
});

test('the composer opens the certificate manager over the draft, which it keeps', async () => {
  renderApp(mailboxHandlers({ composeReadiness: cannotProtect }));
  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  const dialog = await screen.findByRole('dialog', { name: 'New message' });
  type(dialog, 'Subject', 'Keep me');

  fireEvent.click(within(dialog).getByRole('button', { name: 'Certificates…' }));

  expect(await screen.findByRole('dialog', { name: /Certificates/ })).toBeTruthy();
  expect((within(screen.getByRole('dialog', { name: 'New message' })).getByLabelText('Subject') as HTMLInputElement).value).toBe('Keep me');
});
