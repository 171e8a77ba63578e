import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { EventSink } from '../../shared/contract';
import type { Folder, MessageSummary } from '../../shared/domain';
import { MailWatcher, type NewMail } from './mail-watcher';
import { createNewMailNotifier, newMailText } from './new-mail-notification';
import { memoryLogger } from './testing/fakes';

const folder = (path: string, unread: number, specialUse: string | null = null): Folder => ({ path, name: path, specialUse, unread, total: 100 });
const summary = (uid: number, seen = false): MessageSummary => ({
  uid,
  subject: `Message ${uid}`,
  from: { name: 'Bob', address: 'bob@example.test' },
  to: [],
  date: '2026-11-29T00:00:00.000Z',
  seen,
  flagged: false,
  hasAttachments: false,
  size: 1000,
});

function setUp() {
  const unread: Record<string, number> = { a1: 2, a2: 5 };
  const sinks = new Set<EventSink>();
  const newest: MessageSummary[] = [summary(9), summary(8, true), summary(7)];
  const handlers = {
    listAccounts: vi.fn(async () => [{ id: 'a1' }, { id: 'a2' }] as never),
    listFolders: vi.fn(async ({ accountId }: { accountId: string }) =>
      accountId === 'a1' ? [folder('Archive', 40), folder('INBOX', unread.a1!)] : [folder('Posteingang', unread.a2!, '\\Inbox')],
    ),
    listMessages: vi.fn(async ({ limit }: { limit: number }) => ({ messages: newest.slice(0, limit), total: 100, offset: 0 })),
  };
  const counts: number[] = [];
  const announced: NewMail[] = [];
  const logger = memoryLogger();
  const watcher = new MailWatcher({
    handlers: handlers as never,
    subscribe: (sink) => {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    onUnreadCount: (total) => counts.push(total),
    onNewMail: (mail) => announced.push(mail),
    logger,
  });
  const changed = async (accountId: string, path: string) => {
    for (const sink of sinks) sink('messagesChanged', { accountId, folder: path } as never);
    await watcher.refresh(accountId, false).catch(() => undefined);
  };
  return { unread, sinks, handlers, counts, announced, watcher, changed, logger };
}

describe('unread badge and new mail', () => {
  it('counts unread mail in every inbox, and nothing else, from the start', async () => {
    const { watcher, counts, announced } = setUp();
    await watcher.start();
    expect(counts.at(-1)).toBe(7);
    expect(announced).toEqual([]);
  });

  it('announces the unseen newest messages when an inbox gains unread mail', async () => {
    const { watcher, unread, counts, announced, changed } = setUp();
    await watcher.start();
    unread.a1 = 4;
    await changed('a1', 'INBOX');
    expect(counts.at(-1)).toBe(9);
    // Two arrived: the newest two are fetched, and the one already seen is not announced.
    expect(announced).toEqual([{ accountId: 'a1', folder: 'INBOX', uid: 9, from: { name: 'Bob', address: 'bob@example.test' }, subject: 'Message 9' }]);
  });

  it('announces at most a few messages at once', async () => {
    const { watcher, unread, handlers, changed } = setUp();
    await watcher.start();
    unread.a2 = 500;
    await changed('a2', 'Posteingang');
    expect(handlers.listMessages).toHaveBeenLastCalledWith(expect.objectContaining({ limit: 3, folder: 'Posteingang' }));
  });

  it('only lowers the badge when mail is read, and ignores other folders', async () => {
    const { watcher, unread, counts, announced, handlers, changed } = setUp();
    await watcher.start();
    unread.a1 = 0;
    await changed('a1', 'INBOX');
    expect(counts.at(-1)).toBe(5);
    const calls = handlers.listFolders.mock.calls.length;
    await changed('a1', 'Archive');
    // Only the test's own refresh read the folders; the Archive event itself was ignored.
    expect(handlers.listFolders.mock.calls.length).toBe(calls + 1);
    expect(announced).toEqual([]);
  });

  it('logs and carries on when the core cannot answer', async () => {
    const { watcher, handlers, counts, logger } = setUp();
    handlers.listFolders.mockRejectedValueOnce(new Error('offline'));
    await watcher.start();
    expect(counts.at(-1)).toBe(5);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn' }));
  });

  it('stops listening when stopped', async () => {
    const { watcher, sinks } = setUp();
    await watcher.start();
    watcher.stop();
    expect(sinks.size).toBe(0);
  });
});

describe('new-mail notification', () => {
  it('shows who (name and address) and the subject', () => {
    expect(newMailText({ from: { name: 'Bob', address: 'bob@example.test' }, subject: 'Lunch?' }, 'darwin')).toEqual({
      title: 'Bob (bob@example.test)',
      body: 'Lunch?',
    });
    expect(newMailText({ from: null, subject: '' }, 'win32')).toEqual({ title: 'Unknown sender', body: '(no subject)' });
  });

  it('strips control and bidi-override characters a sender could use to fake the text', () => {
    const text = newMailText({ from: { name: 'PayPal\u202Egro.live\u202C', address: 'x@evil.example' }, subject: 'Hi\r\nthere\u0007' }, 'darwin');
    expect(text.title).not.toMatch(/[\u202A-\u202E\r\n]/);
    expect(text.title).toContain('x@evil.example');
    expect(text.body).toBe('Hi there');
  });

  it('gives Linux notification servers no markup to read, and bounds the length', () => {
    const text = newMailText({ from: { name: 'Eve', address: 'eve@evil.example' }, subject: `<a href="https://evil.example">x</a> &amp; ${'y'.repeat(500)}` }, 'linux');
    expect(text.body).not.toMatch(/[<>&]/);
    expect(text.body.length).toBeLessThanOrEqual(200);
  });

  it('is shown where supported, and its click opens the message', () => {
    const instances: Array<EventEmitter & { options: unknown; shown: boolean }> = [];
    class FakeNotification extends EventEmitter {
      static supported = true;
      static isSupported = () => FakeNotification.supported;
      shown = false;
      constructor(readonly options: unknown) {
        super();
        instances.push(this);
      }
      show() {
        this.shown = true;
      }
    }
    const onClick = vi.fn();
    const notify = createNewMailNotifier({ Notification: FakeNotification as never, platform: 'linux', onClick });
    const mail: NewMail = { accountId: 'a1', folder: 'INBOX', uid: 3, from: null, subject: 'Hello' };
    notify(mail);
    expect(instances[0]?.shown).toBe(true);
    instances[0]?.emit('click');
    expect(onClick).toHaveBeenCalledExactlyOnceWith(mail);
    FakeNotification.supported = false;
    notify(mail);
    expect(instances).toHaveLength(1);
  });
});
