/**
 * The VANISHED and FETCH lines that answer a sync's own SELECT … (QRESYNC …) are that sync's to
 * apply; the session must not also pass them on as "the server changed this folder", which would
 * start one more sync right after every sync. A change made elsewhere afterwards still arrives.
 */
import { expect, test } from 'vitest';
import { memoryStore } from '../store/testing/memory-store';
import { seededFolder } from './testing/seeded-folder';
import { syncFolder } from './sync-folder';

const seeded = seededFolder('SyncQuiet', 40, 5);
const folder = seeded.path;

test('a QRESYNC sync applies the changes it is told of without announcing them as new; a later change elsewhere is announced', async () => {
  const store = memoryStore();
  const announced: string[] = [];
  seeded.session.onMailboxChange((path) => announced.push(path));
  await syncFolder(seeded.session, store, 'acc', folder);
  // Another folder selected, so the changes below reach the session only through the next sync's SELECT.
  await seeded.session.withMailbox('INBOX', async () => undefined);
  await seeded.elsewhere((client) => client.messageDelete('3', { uid: true }));
  await seeded.elsewhere((client) => client.messageFlagsAdd('7', ['\\Flagged'], { uid: true }));
  announced.length = 0;

  const report = await syncFolder(seeded.session, store, 'acc', folder);
  expect(report).toMatchObject({ kind: 'incremental', removed: 1, flagChanges: 1 });
  expect(store.flags('acc', folder, 7)).toEqual({ seen: expect.any(Boolean), flagged: true });
  expect(announced).toEqual([]);

  // The sync left the folder selected: a change made now is pushed to the session and announced.
  await seeded.elsewhere((client) => client.messageFlagsAdd('9', ['\\Flagged'], { uid: true }));
  await seeded.session.withMailbox(folder, (client) => client.noop());
  expect(announced).toContain(folder);
  store.close();
});
