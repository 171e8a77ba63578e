import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { mailboxHandlers, renderApp, view } from './fixtures';

test('a message that could not be parsed says so and shows its raw source as text, never as HTML', async () => {
  const raw = 'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n<b>broken</b>';
  renderApp(
    mailboxHandlers({
      openMessage: async ({ uid }) => view(uid, { parseError: 'Unterminated multipart body', text: raw, html: '<b>broken</b>' }),
    }),
  );
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));

  const reader = screen.getByRole('region', { name: 'Message' });
  const notice = await within(reader).findByRole('status');
  expect(notice.textContent).toBe('This message could not be read properly: Unterminated multipart body');
  const pre = reader.querySelector('pre');
  expect(pre?.textContent).toBe(raw);
  expect(reader.querySelector('iframe')).toBeNull();
  expect(reader.querySelector('b')).toBeNull();
});
