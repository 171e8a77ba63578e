/**
 * Sync against the real Dovecot: a first sync streams every envelope with progress; a later one
 * fetches only what changed (new mail, flags changed elsewhere, expunges); a folder recreated with
 * a new UIDVALIDITY is synced afresh. After each, the store holds exactly what the server holds.
 */
import { beforeAll, expect, test } from 'vitest';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import { storedMessage } from '../store/testing/sample-messages';
import { retryWhenDropped } from './retry-when-dropped';
import { seededFolder } from './testing/seeded-folder';
import { FIRST_PAGE, syncFolder } from './sync-folder';
import { plainMessage, serverFlags } from './testing/imap-fixtures';

const seeded = seededFolder('SyncFirst', 1200, 11);
const folder = seeded.path;
let store: MailStore;

beforeAll(async () => {
  store = memoryStore();
});

test('the first sync streams every envelope newest first, with progress, into the store', async () => {
  const progress: [number, number][] = [];
  // What the list could show when it first heard that something was stored: the newest page, alone.
  let firstShown: number[] | null = null;
  const report = await syncFolder(seeded.session, store, 'acc', folder, {
    progress: (done, total) => progress.push([done, total]),
    stored: () => {
      firstShown ??= store.uids('acc', folder);
    },
  });
  // Sequence order is UID order (RFC 3501 §2.3.1.1): the newest messages are those of the highest UIDs.
  const newest = (await serverFlags(seeded.other, folder)).map((message) => message.uid).slice(-FIRST_PAGE);
  expect([...firstShown!].sort((a, b) => a - b)).toEqual(newest);
  expect(report).toMatchObject({ kind: 'initial', fetched: 1200 });
  expect(progress.at(-1)).toEqual([1200, 1200]);
  expect(progress.length).toBeGreaterThan(2);
  expect(progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0])).toBe(true);
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  const page = store.page('acc', folder, 0, 2);
  expect(page.total).toBe(1200);
  expect(page.messages[0]!.subject).toMatch(/#1200$/);
});

test('an unchanged folder costs one STATUS; changes elsewhere are fetched alone', async () => {
  expect((await syncFolder(seeded.session, store, 'acc', folder)).kind).toBe('unchanged');

  await seeded.elsewhere(async (other) => {
    await other.messageFlagsAdd('1:3', ['\\Flagged'], { uid: true });
    await other.messageFlagsRemove('10', ['\\Seen'], { uid: true });
    await other.messageFlagsAdd('10', ['\\Seen'], { uid: true });
    await other.messageDelete('20,21', { uid: true });
  });
  await seeded.other.append(folder, plainMessage('Fresh arrival'), []);

  const report = await syncFolder(seeded.session, store, 'acc', folder);
  expect(report.kind).toBe('incremental');
  expect(report.fetched).toBe(1);
  expect(report.removed).toBe(2);
  // CHANGEDSINCE returns only the messages touched, not the folder's 1,200.
  expect(report.flagChanges).toBeLessThan(10);
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  expect(store.page('acc', folder, 0, 1).messages[0]!.subject).toBe('Fresh arrival');
});

test('a folder whose UIDVALIDITY changed is synced afresh', async () => {
  // The store remembers another UIDVALIDITY than the server now reports (RFC 3501 §2.3.1.1): every
  // stored UID is void, including one the server never had.
  const state = store.syncState('acc', folder)!;
  store.setSyncState('acc', folder, { ...state, uidValidity: state.uidValidity! + 1 });
  store.putMessages('acc', folder, [storedMessage(999_999, { subject: 'From the old UIDVALIDITY' })]);

  const report = await retryWhenDropped(() => syncFolder(seeded.session, store, 'acc', folder));
  expect(report.kind).toBe('resync');
  expect(store.syncState('acc', folder)?.uidValidity).toBe(state.uidValidity);
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  expect(store.search('acc', folder, 'subject:"old uidvalidity"', 5).messages).toEqual([]);
});
