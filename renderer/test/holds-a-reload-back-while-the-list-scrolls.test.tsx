// A first sync reports a change every few hundred milliseconds. Under a moving list the reload
// waits until scrolling stops, then runs once; rows scrolled into view meanwhile still load.
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { giveListPanesAWindowHeight } from './list-pane-height';
import { mailboxHandlers, numberedMessages, renderApp, storedInbox, summary } from './fixtures';

giveListPanesAWindowHeight();

test('change reports while the list scrolls reload it once, as soon as it comes to rest', async () => {
  const inbox = storedInbox(numberedMessages(300, 5000));
  const fake = renderApp(mailboxHandlers({ listMessages: inbox.listMessages }));
  await screen.findByText('300 messages');
  const reloads = () => fake.calls.filter((c) => c.name === 'listMessages' && (c.input as { offset: number }).offset === 0).length;
  const before = reloads();
  const scroller = document.querySelector('.message-list-scroll')!;
  const scrollTo = (top: number) => {
    scroller.scrollTop = top;
    fireEvent.scroll(scroller);
  };

  scrollTo(580);
  inbox.messages = [summary(6000, { subject: 'Fresh news' }), ...inbox.messages];
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  scrollTo(1160);
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(reloads()).toBe(before);
  expect(screen.getByText('300 messages')).toBeTruthy();

  // At rest (no scroll for a moment) the held-back reload runs, once, and shows the new mail.
  expect(await screen.findByText('301 messages', undefined, { timeout: 2000 })).toBeTruthy();
  expect(reloads()).toBe(before + 1);
  scrollTo(0);
  expect(await screen.findByText('Fresh news')).toBeTruthy();
});

test('a change report while the list is at rest reloads it at once', async () => {
  const inbox = storedInbox(numberedMessages(300, 5000));
  const fake = renderApp(mailboxHandlers({ listMessages: inbox.listMessages }));
  await screen.findByText('300 messages');
  inbox.messages = [summary(6000, { subject: 'Fresh news' }), ...inbox.messages];
  fake.emit('messagesChanged', { accountId: 'acc-1', folder: 'INBOX' });
  await waitFor(() => expect(screen.getByText('Fresh news')).toBeTruthy(), { timeout: 100 });
});
