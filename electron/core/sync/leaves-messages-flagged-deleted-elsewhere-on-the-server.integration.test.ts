/**
 * Another mail program may flag a message \Deleted and expunge it later (or never: "mark as
 * deleted" mode). Sealmail's syncs must not expunge it on that program's behalf: reading a folder's
 * status deselects it without CLOSE's expunge (RFC 3501 §6.4.2).
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { seedGeneratedFolder } from '../../../e2e/servers/seed-generated';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import type { ImapSession } from '../transport/imap-session';
import { syncFolder } from './sync-folder';
import { appSession, otherClient, serverFlags } from './testing/imap-fixtures';

const servers = inject('mailServers');
const folder = `SyncFlaggedDeleted${process.pid}`;
let session: ImapSession;
let other: ImapFlow;
let store: MailStore;

beforeAll(async () => {
  await seedGeneratedFolder(servers, folder, 20, { seed: 41 });
  session = appSession(servers);
  other = await otherClient(servers);
  store = memoryStore();
});

afterAll(async () => {
  await session.close();
  await other.mailboxDelete(folder).catch(() => undefined);
  await other.logout();
});

test('a message flagged \\Deleted by another program stays on the server through any number of syncs', async () => {
  await syncFolder(session, store, 'acc', folder);
  const lock = await other.getMailboxLock(folder);
  try {
    await other.messageFlagsAdd('7', ['\\Deleted'], { uid: true });
  } finally {
    lock.release();
  }
  await syncFolder(session, store, 'acc', folder);
  // A sync that reads STATUS first (a resumed first sync; any sync on a server without QRESYNC)
  // deselects the folder the last sync left open: that must not expunge.
  store.setSyncState('acc', folder, { ...store.syncState('acc', folder)!, synced: false });
  await syncFolder(session, store, 'acc', folder);
  await syncFolder(session, store, 'acc', folder);

  const onServer = await serverFlags(other, folder);
  expect(onServer.map((m) => m.uid)).toContain(7);
  expect(onServer).toHaveLength(20);
  expect(store.uids('acc', folder)).toContain(7);
});
