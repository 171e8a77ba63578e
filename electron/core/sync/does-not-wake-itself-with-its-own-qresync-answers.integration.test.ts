/**
 * The VANISHED and FETCH lines that answer a sync's own SELECT … (QRESYNC …) are that sync's to
 * apply; the session must not also pass them on as "the server changed this folder", which would
 * start one more sync right after every sync. A change made elsewhere afterwards still arrives.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { seedGeneratedFolder } from '../../../e2e/servers/seed-generated';
import { memoryStore } from '../store/testing/memory-store';
import type { ImapSession } from '../transport/imap-session';
import { syncFolder } from './sync-folder';
import { appSession, otherClient } from './testing/imap-fixtures';

const servers = inject('mailServers');
const folder = `SyncQuiet${process.pid}`;
let session: ImapSession;
let other: ImapFlow;

beforeAll(async () => {
  await seedGeneratedFolder(servers, folder, 40, { seed: 5 });
  session = appSession(servers);
  other = await otherClient(servers);
});

afterAll(async () => {
  await session.close();
  await other.mailboxDelete(folder).catch(() => undefined);
  await other.logout();
});

async function elsewhere(work: (client: ImapFlow) => Promise<unknown>): Promise<void> {
  const lock = await other.getMailboxLock(folder);
  try {
    await work(other);
  } finally {
    lock.release();
  }
}

test('a QRESYNC sync applies the changes it is told of without announcing them as new; a later change elsewhere is announced', async () => {
  const store = memoryStore();
  const announced: string[] = [];
  session.onMailboxChange((path) => announced.push(path));
  await syncFolder(session, store, 'acc', folder);
  // Another folder selected, so the changes below reach the session only through the next sync's SELECT.
  await session.withMailbox('INBOX', async () => undefined);
  await elsewhere((client) => client.messageDelete('3', { uid: true }));
  await elsewhere((client) => client.messageFlagsAdd('7', ['\\Flagged'], { uid: true }));
  announced.length = 0;

  const report = await syncFolder(session, store, 'acc', folder);
  expect(report).toMatchObject({ kind: 'incremental', removed: 1, flagChanges: 1 });
  expect(store.flags('acc', folder, 7)).toEqual({ seen: expect.any(Boolean), flagged: true });
  expect(announced).toEqual([]);

  // The sync left the folder selected: a change made now is pushed to the session and announced.
  await elsewhere((client) => client.messageFlagsAdd('9', ['\\Flagged'], { uid: true }));
  await session.withMailbox(folder, (client) => client.noop());
  expect(announced).toContain(folder);
  store.close();
});
