// DOMPurify needs a spec-conforming NodeIterator, which happy-dom lacks (capricorn86/happy-dom#2310).
// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { mailboxHandlers, renderApp, view } from './fixtures';

const HOSTILE_HTML = [
  '<p id="greeting" onclick="steal()">Hello <b>Alice</b></p>',
  '<script>parent.document.title = "owned"</script>',
  '<img src="https://tracker.example/pixel.png" alt="pixel">',
  '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">',
  '<a href="javascript:alert(1)">js link</a> <a href="https://example.test/page">real link</a>',
  '<form action="https://phish.example/login"><input name="password"></form>',
  '<iframe src="https://evil.example/"></iframe>',
].join('');

test('message HTML is shown only inside an empty-sandbox iframe, sanitised again, under a no-remote CSP', async () => {
  renderApp(
    mailboxHandlers({
      openMessage: async ({ uid }) => view(uid, { html: HOSTILE_HTML, remoteContentBlocked: true }),
    }),
  );
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));

  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });

  const frames = document.querySelectorAll('iframe');
  expect(frames).toHaveLength(1);
  const frame = frames[0]!;
  expect(frame.getAttribute('sandbox')).toBe('');
  expect(frame.hasAttribute('src')).toBe(false);

  const srcdoc = frame.getAttribute('srcdoc') ?? '';
  expect(srcdoc.toLowerCase()).not.toContain('<script');
  expect(srcdoc).not.toContain('steal()');
  expect(srcdoc).not.toContain('tracker.example');
  expect(srcdoc).not.toContain('javascript:');
  expect(srcdoc).not.toContain('phish.example');
  expect(srcdoc).not.toContain('evil.example');
  expect(srcdoc).toContain('Hello <b>Alice</b>');
  expect(srcdoc).toContain('data:image/png;base64');
  // The policy comes first, so it governs everything after it.
  expect(srcdoc.indexOf('<meta http-equiv="Content-Security-Policy"')).toBeLessThan(srcdoc.indexOf('Hello'));
  expect(srcdoc).toContain(`content="default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'"`);

  // Nothing of the message lands in the app's own DOM.
  expect(document.getElementById('greeting')).toBeNull();
  expect(within(reader).queryByText('Hello')).toBeNull();
  expect(within(reader).getByText('Remote content blocked')).toBeTruthy();
});

test('the plain-text toggle shows the text part instead of the frame', async () => {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, { html: '<p>Rich</p>', text: 'Plain words' }) }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const toggle = await screen.findByRole('button', { name: 'Plain text' });
  expect(document.querySelector('iframe')).not.toBeNull();
  fireEvent.click(toggle);
  expect(document.querySelector('iframe')).toBeNull();
  expect(screen.getByText('Plain words')).toBeTruthy();
});
