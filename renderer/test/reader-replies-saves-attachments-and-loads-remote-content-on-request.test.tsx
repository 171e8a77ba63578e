import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import type { PreparedDraft } from '../../shared/compose-types';
import { mailboxHandlers, renderApp, view } from './fixtures';

afterEach(() => vi.restoreAllMocks());

const prepared: PreparedDraft = {
  to: ['bob@example.test'],
  cc: [],
  subject: 'Re: Quarterly report',
  text: '\n\nOn Tue, Bob wrote:\n> Hello Alice,',
  inReplyTo: '<m3@example.test>',
  references: ['<m3@example.test>'],
  attachments: [],
  notice: null,
};

async function openFirst() {
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });
  return reader;
}

test('Reply asks the core for a draft quoting the text shown, and the composer threads it', async () => {
  const fake = renderApp(mailboxHandlers({ prepareReply: async () => prepared, sendMessage: async () => ({ messageId: '<r@t>', accepted: [], savedToSent: true }) }));
  const reader = await openFirst();
  fireEvent.click(within(reader).getByRole('button', { name: 'Reply' }));
  const dialog = await screen.findByRole('dialog', { name: 'Reply' });
  expect(fake.calls.find((c) => c.name === 'prepareReply')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', uid: 3, mode: 'reply', shown: 'text' });
  expect(within(dialog).getByLabelText('Subject')).toHaveProperty('value', 'Re: Quarterly report');
  expect((within(dialog).getByLabelText('Message') as HTMLTextAreaElement).value).toContain('> Hello Alice,');
  expect(within(dialog).getByRole('button', { name: 'Sign' }).getAttribute('aria-pressed')).toBe('true');

  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(fake.calls.find((c) => c.name === 'sendMessage')?.input).toMatchObject({ to: ['bob@example.test'], inReplyTo: '<m3@example.test>', references: ['<m3@example.test>'] });
});

test('the r, a and f keys reply, reply to all and forward the open message', async () => {
  const fake = renderApp(mailboxHandlers({ prepareReply: async ({ mode }) => ({ ...prepared, subject: mode }) }));
  await openFirst();
  // The reader hands its commands to the window once the message is shown.
  await waitFor(() => {
    fireEvent.keyDown(document.body, { key: 'a' });
    expect(fake.calls.some((c) => c.name === 'prepareReply')).toBe(true);
  });
  await screen.findByRole('dialog', { name: 'Reply to all' });
  expect(fake.calls.find((c) => c.name === 'prepareReply')?.input).toMatchObject({ mode: 'replyAll' });
});

test('Save fetches the attachment only when asked and hands it to a download, never opening it', async () => {
  const clicked: { download: string; href: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ download: this.download, href: this.href });
  });
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:sealmail/1');
  const fake = renderApp(
    mailboxHandlers({
      openMessage: async ({ uid }) => view(uid, { attachments: [{ filename: 'notes.txt', contentType: 'text/plain', size: 13 }] }),
      getAttachment: async () => ({ filename: 'notes.txt', contentType: 'text/plain', size: 13, base64: btoa('one two three') }),
    }),
  );
  const reader = await openFirst();
  expect(fake.calls.some((c) => c.name === 'getAttachment')).toBe(false);
  fireEvent.click(within(reader).getByRole('button', { name: 'Save notes.txt' }));
  await waitFor(() => expect(clicked).toEqual([{ download: 'notes.txt', href: 'blob:sealmail/1' }]));
  expect(fake.calls.find((c) => c.name === 'getAttachment')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', uid: 3, index: 0 });
});

test('remote content stays blocked until the user loads it, and can be allowed for the sender', async () => {
  const fake = renderApp(
    mailboxHandlers({
      openMessage: async ({ uid }) => view(uid, { html: '<p>Hi</p>', remoteContentBlocked: true }),
      loadRemoteContent: async ({ when }) =>
        when === 'senderAllowed' ? { loaded: false, html: null, failed: 0, reason: null } : { loaded: true, html: '<p>Hi</p><img src="data:image/png;base64,AAAA">', failed: 0, reason: null },
      allowRemoteContentFrom: async () => ({ allowed: true }),
    }),
  );
  const reader = await openFirst();
  const bar = within(reader).getByRole('note');
  expect(bar.textContent).toContain('Remote content blocked');
  await waitFor(() => expect(fake.calls.some((c) => c.name === 'loadRemoteContent')).toBe(true));
  fireEvent.click(within(bar).getByRole('button', { name: 'Always for this sender' }));
  await waitFor(() => expect(within(reader).queryByText('Remote content blocked')).toBeNull());
  expect(fake.calls.find((c) => c.name === 'allowRemoteContentFrom')?.input).toEqual({ address: 'bob@example.test' });
});

test('decrypted content without integrity protection offers no way to load remote content', async () => {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, { html: '<p>Hi</p>', remoteContentBlocked: true, remoteContentAllowed: false }) }));
  const reader = await openFirst();
  const bar = within(reader).getByRole('note');
  expect(bar.textContent).toContain('cannot be loaded');
  expect(within(bar).queryByRole('button')).toBeNull();
});

test('? lists every shortcut, and Escape closes the list', async () => {
  renderApp(mailboxHandlers());
  await screen.findByRole('option', { name: /Quarterly report/ });
  fireEvent.keyDown(document.body, { key: '?' });
  const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const text of ['Next message', 'Reply to all', 'Forward', 'New message', 'Search', 'Archive the message']) expect(help.textContent).toContain(text);
  fireEvent.keyDown(help, { key: 'Escape' });
  expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
});
