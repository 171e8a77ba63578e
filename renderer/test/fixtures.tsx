/** Sample data and a one-line way to mount the whole app against the fake core. */
import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { CallHandlers } from '../../shared/contract';
import type { Account, Folder, MessageSummary, MessageView } from '../../shared/domain';
import { App } from '../app/App';
import { createFakeApi } from './fake-api';

afterEach(cleanup);

export const account: Account = {
  id: 'acc-1',
  address: 'alice@example.test',
  displayName: 'Alice Example',
  imap: { host: 'imap.example.test', port: 993 },
  smtp: { host: 'smtp.example.test', port: 465 },
};

export const folders: Folder[] = [
  { path: 'Archive', name: 'Archive', specialUse: '\\Archive', unread: 0, total: 12 },
  { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox', unread: 2, total: 3 },
  { path: 'Sent', name: 'Sent', specialUse: '\\Sent', unread: 0, total: 5 },
];

export function summary(uid: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    uid,
    subject: `Message number ${uid}`,
    from: { name: 'Bob Example', address: 'bob@example.test' },
    to: [{ name: 'Alice Example', address: 'alice@example.test' }],
    date: '2024-03-05T09:30:00.000Z',
    seen: true,
    flagged: false,
    hasAttachments: false,
    size: 2048,
    ...overrides,
  };
}

export const inboxMessages: MessageSummary[] = [
  summary(3, { subject: 'Quarterly report', seen: false }),
  summary(2, { subject: 'Lunch on Friday?', from: { name: '', address: 'carol@example.test' }, seen: false }),
  summary(1, { subject: 'Welcome to Sealmail' }),
];

export function view(uid: number, overrides: Partial<MessageView> = {}): MessageView {
  return {
    uid,
    folder: 'INBOX',
    subject: 'Quarterly report',
    from: { name: 'Bob Example', address: 'bob@example.test' },
    to: [{ name: 'Alice Example', address: 'alice@example.test' }],
    cc: [],
    date: '2024-03-05T09:30:00.000Z',
    messageId: '<m3@example.test>',
    text: 'Hello Alice,\n\nthe report is attached.\n\nBob',
    html: null,
    remoteContentBlocked: false,
    attachments: [],
    parseError: null,
    ...overrides,
  };
}

/** Handlers for a profile with one account whose inbox holds `inboxMessages`. */
export function mailboxHandlers(overrides: Partial<CallHandlers> = {}): Partial<CallHandlers> {
  return {
    listAccounts: async () => [account],
    listFolders: async () => folders,
    listMessages: async ({ folder, offset }) =>
      folder === 'INBOX' ? { messages: inboxMessages.slice(offset), total: inboxMessages.length, offset } : { messages: [], total: 0, offset },
    syncFolder: async () => ({ started: true }),
    openMessage: async ({ uid }) => view(uid),
    ...overrides,
  };
}

/**
 * An inbox that a test changes as a sync would: `messages` is what the store holds now, newest
 * first, and `listMessages` pages through it as the core does.
 */
export function storedInbox(messages: MessageSummary[]) {
  const inbox = {
    messages,
    listMessages: async ({ offset, limit }: { offset: number; limit: number }) => ({ messages: inbox.messages.slice(offset, offset + limit), total: inbox.messages.length, offset }),
  };
  return inbox;
}

/** `count` messages numbered down from `newest`, each subject `${prefix} ${uid}`. */
export function numberedMessages(count: number, newest: number, prefix = 'Note', overrides: Partial<MessageSummary> = {}): MessageSummary[] {
  return Array.from({ length: count }, (_, i) => summary(newest - i, { subject: `${prefix} ${newest - i}`, ...overrides }));
}

export function renderApp(handlers: Partial<CallHandlers>) {
  const fake = createFakeApi(handlers);
  const result = render(<App api={fake.api} />);
  return { ...fake, ...result };
}

/** A promise the test settles by hand, to look at the UI while a call is in flight. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
