/**
 * The sync figures against the real Dovecot:
 * - sync.initial: first sync of a folder into the store vs a bare imapflow streaming FETCH of the same fields;
 * - sync.first-page: from the start of that first sync (connecting included) to the newest 50
 *   messages listed by the store, vs a bare imapflow client connecting and fetching those 50 envelopes;
 * - sync.incremental: resync after 10 flag changes vs that first sync;
 * - search.p95.syncing: searches while another first sync runs (search-while-syncing.ts);
 * - ui.list.maxframe.syncing: the app's list scrolled while another one runs (list-while-syncing.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { seedGeneratedFolder } from '../../e2e/servers/seed-generated';
import { MailStore } from '../../electron/core/store/mail-store';
import { openStoreDatabase } from '../../electron/core/store/open-database';
import { FIRST_PAGE, syncFolder } from '../../electron/core/sync/sync-folder';
import type { ImapSession } from '../../electron/core/transport/imap-session';
import { ENVELOPE_QUERY } from '../../electron/core/sync/to-stored-message';
import { figure, timed, type Figure } from '../figure';
import { appSession, bareClient } from '../../electron/core/sync/testing/imap-fixtures';
import { runSearchWhileSyncing, searchStoreDir } from './search-while-syncing';
import { runListWhileSyncing } from '../ui/list-while-syncing';

const ACCOUNT = 'bench';

/** The baseline: one streaming FETCH 1:* of exactly the fields the first sync asks for, nothing stored. */
async function bareFetch(servers: MailServersInfo, path: string): Promise<number> {
  const c = bareClient(servers);
  await c.connect();
  try {
    const lock = await c.getMailboxLock(path);
    try {
      let count = 0;
      for await (const message of c.fetch('1:*', ENVELOPE_QUERY)) if (message.uid) count++;
      return count;
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

/** The baseline of sync.first-page: a bare client connects, selects the folder and fetches the newest FIRST_PAGE envelopes; their UIDs. */
async function bareFirstPage(servers: MailServersInfo, path: string): Promise<number[]> {
  const c = bareClient(servers);
  await c.connect();
  try {
    const lock = await c.getMailboxLock(path);
    try {
      const exists = c.mailbox ? c.mailbox.exists : 0;
      const uids: number[] = [];
      for await (const message of c.fetch(`${Math.max(1, exists - FIRST_PAGE + 1)}:${exists}`, ENVELOPE_QUERY)) if (message.uid) uids.push(message.uid);
      return uids;
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

/**
 * A first sync of `path` into `store`, timing when the list first shows the newest page (the
 * UIDs `newest`), and counting the progress reports after that: the rest of the sync going on.
 */
async function firstSyncWithFirstPage(session: ImapSession, store: MailStore, path: string, newest: readonly number[]) {
  const start = performance.now();
  let firstPageMs: number | null = null;
  let progressAfter = 0;
  // Listed once stored: the list shows every stored message of the folder.
  const listed = () => newest.every((uid) => store.flags(ACCOUNT, path, uid) !== null);
  const sync = await timed(() =>
    syncFolder(session, store, ACCOUNT, path, {
      stored: () => {
        if (firstPageMs === null && listed()) firstPageMs = performance.now() - start;
      },
      progress: () => {
        if (firstPageMs !== null) progressAfter++;
      },
    }),
  );
  if (firstPageMs === null) throw new Error('the first sync never listed the newest messages');
  return { ...sync, firstPageMs: firstPageMs as number, progressAfter };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Seeds a folder of `size` messages, measures its first sync (`rounds` times, each into a new store)
 * against bare fetches taking turns with it, then a resync after 10 flag changes.
 */
export async function runSyncBench(servers: MailServersInfo, ownServers: boolean, size: number, rounds: number, log: (line: string) => void): Promise<Figure[]> {
  const path = `BenchSync${process.pid}${Date.now() % 100000}`;
  const profile = await mkdtemp(join(tmpdir(), 'sealmail-bench-sync-'));
  const cleanup = bareClient(servers);
  try {
    log(`seeding ${size} messages…`);
    await seedGeneratedFolder(servers, path, size, { seed: 2 });

    // Warm Dovecot's index and cache with one bare fetch. Then bare fetches and first syncs (each
    // into a new store) take turns, and the medians are compared: on a shared machine whose load
    // drifts during the run, neither side gets the quiet moment.
    await bareFetch(servers, path);
    const bare: number[] = [(await timed(() => bareFetch(servers, path))).ms];
    const newest = await bareFirstPage(servers, path);
    const barePages: number[] = [];
    const firstPages: number[] = [];
    const syncs: number[] = [];
    let store: MailStore | null = null;
    let session: ImapSession | null = null;
    for (let round = 0; round < rounds; round++) {
      store?.close();
      await session?.close();
      store = new MailStore(openStoreDatabase(join(profile, `sync-${round}`)).db);
      session = appSession(servers);
      const sync = await firstSyncWithFirstPage(session, store, path, newest);
      if (sync.result.fetched !== size) throw new Error(`the first sync stored ${sync.result.fetched} messages, not ${size}`);
      if (size > FIRST_PAGE && sync.progressAfter === 0) throw new Error('the first sync reported no progress after listing its first page');
      syncs.push(sync.ms);
      firstPages.push(sync.firstPageMs);
      bare.push((await timed(() => bareFetch(servers, path))).ms);
      barePages.push((await timed(() => bareFirstPage(servers, path))).ms);
    }
    const first = median(syncs);
    log(`first sync ${syncs.map(Math.round).join(', ')} ms; bare FETCH ${bare.map(Math.round).join(', ')} ms (medians ${Math.round(first)} and ${Math.round(median(bare))})`);
    log(`first page listed after ${firstPages.map(Math.round).join(', ')} ms; bare FETCH of ${FIRST_PAGE} ${barePages.map(Math.round).join(', ')} ms`);
    const figures = [
      figure('sync.initial', first, 'ms', median(bare), 'ratio at most 1.3'),
      figure('sync.first-page', median(firstPages), 'ms', median(barePages), 'ratio at most 1.5'),
    ];

    // sync.incremental: 10 flags changed by another client, then resync.
    await cleanup.connect();
    const lock = await cleanup.getMailboxLock(path);
    try {
      await cleanup.messageFlagsAdd('1:10', ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    const again = await timed(() => syncFolder(session!, store!, ACCOUNT, path));
    if (again.result.flagChanges !== 10) throw new Error(`the resync saw ${again.result.flagChanges} flag changes, not 10`);
    log(`resync after 10 flag changes ${Math.round(again.ms)} ms`);
    figures.push(figure('sync.incremental', again.ms, 'ms', first, 'ratio at most 0.05'));
    await session!.close();
    store!.close();

    figures.push(await runSearchWhileSyncing(servers, path, searchStoreDir(profile), log));
    figures.push(await runListWhileSyncing(servers, ownServers, path, size, rounds > 1 ? 3 : 1, log));
    return figures;
  } finally {
    if (!cleanup.usable) await cleanup.connect().catch(() => undefined);
    await cleanup.mailboxDelete(path).catch(() => undefined);
    await cleanup.logout().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
