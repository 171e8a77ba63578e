/**
 * With the real Dovecot, which offers QRESYNC (RFC 7162): messages deleted by another client are
 * removed from the store by the next incremental sync from the VANISHED (EARLIER) answer to one
 * SELECT … (QRESYNC …), flags changed elsewhere come with it, and the whole folder is never listed
 * again (no UID SEARCH ALL, no UID FETCH over the folder, not even a STATUS first). The conversation is read from imapflow's
 * log, so the test proves how the sync learnt of the deletions, not only that it did.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import { seededFolder } from './testing/seeded-folder';
import { syncFolder } from './sync-folder';
import { loggedAccess, type LoggedAccess } from './testing/logged-access';
import { plainMessage, serverFlags } from './testing/imap-fixtures';

const servers = inject('mailServers');
const seeded = seededFolder('SyncVanished', 400, 31);
const folder = seeded.path;
let access: LoggedAccess;
let store: MailStore;

beforeAll(async () => {
  access = await loggedAccess(servers);
  store = memoryStore();
});

afterAll(async () => {
  await access.close();
});

/** Commands that cost the folder's size: listing every UID, or fetching over the whole range. */
const wholeFolderCommands = (sent: string[]) => sent.filter((line) => /UID SEARCH ALL/i.test(line) || /UID FETCH 1:\d+ /i.test(line));

test('a deletion made by another client is applied by the next sync from VANISHED, without listing the folder', async () => {
  expect((await syncFolder(access, store, 'acc', folder)).kind).toBe('initial');
  const state = store.syncState('acc', folder)!;

  await seeded.elsewhere((client) => client.messageDelete('17,200:202', { uid: true }));
  await seeded.elsewhere((client) => client.messageFlagsAdd('5', ['\\Flagged'], { uid: true }));
  access.clearLog();

  const report = await syncFolder(access, store, 'acc', folder);
  expect(report).toMatchObject({ kind: 'incremental', removed: 4, fetched: 0, flagChanges: 1 });
  expect(store.uids('acc', folder)).not.toContain(17);
  expect(store.uids('acc', folder)).not.toContain(201);
  expect(store.flags('acc', folder, 5)).toEqual({ seen: expect.any(Boolean), flagged: true });
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));

  const sent = access.sent();
  const qresyncSelect = new RegExp(`SELECT "?${folder}"? \\(QRESYNC \\(${state.uidValidity} ${state.highestModseq}\\)\\)`, 'i');
  expect(sent.filter((line) => qresyncSelect.test(line))).toHaveLength(1);
  expect(access.received().filter((line) => /^\* VANISHED \(EARLIER\) 17,200:202$/i.test(line))).toHaveLength(1);
  expect(wholeFolderCommands(sent)).toEqual([]);
  expect(sent.filter((line) => /CHANGEDSINCE|STATUS/i.test(line))).toEqual([]);
});

test('new mail and deletions in the same interval: the new message is fetched alone, the deleted ones removed', async () => {
  await seeded.elsewhere((client) => client.messageDelete('1:3', { uid: true }));
  await seeded.other.append(folder, plainMessage('Arrived while deleting'), []);
  access.clearLog();

  const report = await syncFolder(access, store, 'acc', folder);
  expect(report).toMatchObject({ kind: 'incremental', removed: 3, fetched: 1 });
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  expect(store.page('acc', folder, 0, 1).messages[0]!.subject).toBe('Arrived while deleting');
  expect(wholeFolderCommands(access.sent())).toEqual([]);

  // Nothing changed since: the one SELECT (QRESYNC …) says so, and nothing else is asked.
  access.clearLog();
  expect((await syncFolder(access, store, 'acc', folder)).kind).toBe('unchanged');
  const asked = access.sent().filter((line) => !/^\S+ (IDLE|DONE|NOOP)\b|^DONE$/i.test(line));
  expect(asked).toHaveLength(1);
  expect(asked[0]).toMatch(/SELECT .*\(QRESYNC \(/);
});
