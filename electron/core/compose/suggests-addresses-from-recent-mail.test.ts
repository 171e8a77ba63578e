/** Address completion: people from the inbox and the sent folder, most frequent first, never oneself. */
import { expect, it } from 'vitest';
import type { Folder, MessageSummary } from '../../../shared/domain';
import { AddressSuggestions } from './address-suggestions';

const summary = (from: string, to: string[], name = ''): MessageSummary => ({
  uid: 1,
  subject: '',
  from: { name, address: from },
  to: to.map((address) => ({ name: '', address })),
  date: '2026-01-01T00:00:00.000Z',
  seen: true,
  flagged: false,
  hasAttachments: false,
  size: 1,
});

const folders: Folder[] = [
  { path: 'INBOX', name: 'Inbox', specialUse: '\\Inbox', unread: 0, total: 3 },
  { path: 'Sent', name: 'Sent', specialUse: '\\Sent', unread: 0, total: 1 },
  { path: 'Junk', name: 'Junk', specialUse: '\\Junk', unread: 0, total: 1 },
];
const pages: Record<string, MessageSummary[]> = {
  INBOX: [summary('bob@example.test', ['alice@example.test'], 'Bob Builder'), summary('bob@example.test', ['alice@example.test']), summary('barbara@example.test', ['alice@example.test'])],
  Sent: [summary('alice@example.test', ['carol@example.test', 'bobby@example.test'])],
  Junk: [summary('bogus@spam.test', ['alice@example.test'])],
};

it('suggests known people whose address or name matches, most frequent first, and never the account itself', async () => {
  let scans = 0;
  const mail = {
    folders: async () => folders,
    messages: async (_a: string, folder: string) => {
      scans++;
      return { messages: pages[folder] ?? [], total: 0, offset: 0 };
    },
    open: async () => {
      throw new Error('unused');
    },
    source: async () => Buffer.alloc(0),
  };
  const accounts = { get: async () => ({ id: 'a', address: 'Alice@example.test', displayName: '', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) };
  const suggestions = new AddressSuggestions(mail, accounts);

  expect(await suggestions.suggest('a', 'bo')).toEqual([
    { address: 'bob@example.test', name: 'Bob Builder' },
    { address: 'bobby@example.test', name: '' },
  ]);
  expect(await suggestions.suggest('a', 'builder')).toEqual([{ address: 'bob@example.test', name: 'Bob Builder' }]);
  expect(await suggestions.suggest('a', 'alice')).toEqual([]);
  // Junk is never read, and the scan is kept for a while rather than repeated per keystroke.
  expect(scans).toBe(2);
});
