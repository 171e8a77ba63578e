/**
 * Another mail program may flag a message \Deleted and expunge it later (or never: "mark as
 * deleted" mode). Sealmail's syncs must not expunge it on that program's behalf: reading a folder's
 * status deselects it without CLOSE's expunge (RFC 3501 §6.4.2).
 */
import { beforeAll, expect, test } from 'vitest';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import { seededFolder } from './testing/seeded-folder';
import { syncFolder } from './sync-folder';
import { serverFlags } from './testing/imap-fixtures';

const seeded = seededFolder('SyncFlaggedDeleted', 20, 41);
const folder = seeded.path;
let store: MailStore;

beforeAll(async () => {
  store = memoryStore();
});

test('a message flagged \\Deleted by another program stays on the server through any number of syncs', async () => {
  await syncFolder(seeded.session, store, 'acc', folder);
  await seeded.elsewhere(async (other) => {
    await other.messageFlagsAdd('7', ['\\Deleted'], { uid: true });
  });
  await syncFolder(seeded.session, store, 'acc', folder);
  // A sync that reads STATUS first (a resumed first sync; any sync on a server without QRESYNC)
  // deselects the folder the last sync left open: that must not expunge.
  store.setSyncState('acc', folder, { ...store.syncState('acc', folder)!, synced: false });
  await syncFolder(seeded.session, store, 'acc', folder);
  await syncFolder(seeded.session, store, 'acc', folder);

  const onServer = await serverFlags(seeded.other, folder);
  expect(onServer.map((m) => m.uid)).toContain(7);
  expect(onServer).toHaveLength(20);
  expect(store.uids('acc', folder)).toContain(7);
});
