/**
 * A first sync fetches by sequence numbers, newest first, a chunk at a time; another program may
 * delete or deliver mail between two chunks, which renumbers the folder. Against the real Dovecot:
 * nothing still on the server is missed, nothing is stored twice, and the next sync ends equal to
 * the server.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { seedGeneratedFolder } from '../../../e2e/servers/seed-generated';
import { memoryStore } from '../store/testing/memory-store';
import type { ImapSession } from '../transport/imap-session';
import { syncFolder, type MailboxAccess } from './sync-folder';
import { appSession, otherClient, plainMessage, serverFlags } from './testing/imap-fixtures';

const servers = inject('mailServers');
const folder = `SyncRenumbered${process.pid}`;
let session: ImapSession;
let other: ImapFlow;

beforeAll(async () => {
  // 250 newest in the first chunk, the other 350 in the second.
  await seedGeneratedFolder(servers, folder, 600, { seed: 31 });
  session = appSession(servers);
  other = await otherClient(servers);
});

afterAll(async () => {
  await session.close();
  await other.mailboxDelete(folder).catch(() => undefined);
  await other.logout();
});

/** The session, with `meddle` run once, just before the sync's `call`-th use of the mailbox. */
function meddlingAccess(call: number, meddle: (client: ImapFlow) => Promise<void>): MailboxAccess {
  let calls = 0;
  return {
    run: (work) => session.run(work),
    withMailbox: (path, work) =>
      session.withMailbox(path, async (client) => {
        if (++calls === call) await meddle(client);
        return work(client);
      }),
  };
}

test('mail deleted and delivered elsewhere between two chunks: every message is stored once, and the next sync matches the server', async () => {
  const store = memoryStore();
  const deleted = [100, 101, 102, 450, 451];
  // Call 1 selects the folder, call 2 fetches the newest chunk, call 3 the rest.
  const access = meddlingAccess(3, async (client) => {
    const lock = await other.getMailboxLock(folder);
    try {
      await other.messageDelete(deleted.join(','), { uid: true });
      await other.append(folder, plainMessage('Arrived during the first sync'));
    } finally {
      lock.release();
    }
    // The session hears of it (as IDLE would tell it) before its next FETCH: its numbering shifts by five.
    await client.noop();
  });

  const report = await syncFolder(access, store, 'acc', folder);
  expect(report.kind).toBe('initial');
  const stored = store.uids('acc', folder);
  const stillThere = Array.from({ length: 600 }, (_, i) => i + 1).filter((uid) => !deleted.includes(uid));
  // Everything still there was fetched; those deleted after their chunk was fetched wait for the next sync.
  expect(stored.filter((uid) => uid <= 600 && !deleted.includes(uid))).toEqual(stillThere);
  expect(stored.filter((uid) => deleted.includes(uid))).toEqual([450, 451]);
  expect(new Set(stored).size).toBe(stored.length);

  await syncFolder(session, store, 'acc', folder);
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(other, folder));
  expect(store.count('acc', folder)).toBe(596);
  store.close();
});
