import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { mailboxHandlers, renderApp, summary, view } from './fixtures';

test('selecting a message opens it with the sender name and address both shown', async () => {
  const fake = renderApp(
    mailboxHandlers({
      openMessage: async ({ uid }) =>
        view(uid, {
          cc: [{ name: 'Dave', address: 'dave@example.test' }],
          attachments: [{ filename: 'report.pdf', contentType: 'application/pdf', size: 1_258_291 }],
        }),
    }),
  );

  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));

  const reader = screen.getByRole('region', { name: 'Message' });
  expect(await within(reader).findByRole('heading', { name: 'Quarterly report' })).toBeTruthy();
  expect(within(reader).getByText('Bob Example <bob@example.test>')).toBeTruthy();
  expect(within(reader).getByText('Alice Example <alice@example.test>')).toBeTruthy();
  expect(within(reader).getByText('Dave <dave@example.test>')).toBeTruthy();
  expect(within(reader).getByText('report.pdf')).toBeTruthy();
  expect(within(reader).getByText('1.2 MB')).toBeTruthy();
  expect(reader.querySelector('pre')?.textContent).toContain('the report is attached.');
  expect(screen.getByRole('option', { name: /Quarterly report/ }).getAttribute('aria-selected')).toBe('true');
  expect(fake.calls.find((c) => c.name === 'openMessage')?.input).toEqual({ accountId: 'acc-1', folder: 'INBOX', uid: 3 });
});

test('odd data does not crash the reader: no sender, empty subject, unparseable date', async () => {
  renderApp(
    mailboxHandlers({
      listMessages: async () => ({ messages: [summary(9, { subject: '', from: null, date: 'garbage' })], total: 1, offset: 0 }),
      openMessage: async ({ uid }) => view(uid, { subject: '   ', from: null, to: [], date: 'garbage', text: '' }),
    }),
  );

  fireEvent.click(await screen.findByRole('option', { name: /\(no subject\)/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  expect(await within(reader).findByRole('heading', { name: '(no subject)' })).toBeTruthy();
  expect(within(reader).getByText('(unknown sender)')).toBeTruthy();
});

test('a display name holding another address is flagged next to the real one', async () => {
  renderApp(
    mailboxHandlers({
      openMessage: async ({ uid }) => view(uid, { from: { name: 'support@bank.test', address: 'thief@evil.test' } }),
    }),
  );
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  expect(await screen.findByText('support@bank.test <thief@evil.test>')).toBeTruthy();
  expect(screen.getByText('Name shows a different address')).toBeTruthy();
});

test('a failure to open is shown in words', async () => {
  const { SealmailError } = await import('../../shared/errors');
  renderApp(
    mailboxHandlers({
      openMessage: async () => {
        throw new SealmailError('NOT_FOUND');
      },
    }),
  );
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  expect((await within(reader).findByRole('alert')).textContent).toBe('That item no longer exists.');
});
