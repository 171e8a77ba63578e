/**
 * A first sync fetches by sequence numbers, newest first, a chunk at a time; another program may
 * delete or deliver mail between two chunks, which renumbers the folder. Against the real Dovecot:
 * nothing still on the server is missed, nothing is stored twice, and the next sync ends equal to
 * the server.
 */
import type { ImapFlow } from 'imapflow';
import { expect, test } from 'vitest';
import { memoryStore } from '../store/testing/memory-store';
import { seededFolder } from './testing/seeded-folder';
import { syncFolder, type MailboxAccess } from './sync-folder';
import { plainMessage, serverFlags } from './testing/imap-fixtures';

const seeded = seededFolder('SyncRenumbered', 600, 31);
const folder = seeded.path;

/** The session, with `meddle` run once, just before the sync's `call`-th use of the mailbox. */
function meddlingAccess(call: number, meddle: (client: ImapFlow) => Promise<void>): MailboxAccess {
  let calls = 0;
  return {
    run: (work) => seeded.session.run(work),
    withMailbox: (path, work) =>
      seeded.session.withMailbox(path, async (client) => {
        if (++calls === call) await meddle(client);
        return work(client);
      }),
  };
}

test('mail deleted and delivered elsewhere between two chunks: every message is stored once, and the next sync matches the server', async () => {
  const store = memoryStore();
  const deleted = [100, 101, 102, 450, 451];
  // Call 1 selects the folder, calls 2 and 3 fetch the two small newest chunks (50, then 250), call 4 the rest.
  const access = meddlingAccess(4, async (client) => {
    await seeded.elsewhere(async (other) => {
      await other.messageDelete(deleted.join(','), { uid: true });
      await other.append(folder, plainMessage('Arrived during the first sync'));
    });
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

  await syncFolder(seeded.session, store, 'acc', folder);
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  expect(store.count('acc', folder)).toBe(596);
  store.close();
});
