/**
 * The store, sync and search figures against the real Dovecot:
 * - sync.initial: first sync of a folder into the store vs a bare imapflow streaming FETCH of the same fields;
 * - sync.incremental: resync after 10 flag changes vs that first sync;
 * - search.p95: 95th percentile of 100 searches (FTS5) vs the same searches as a LIKE scan;
 * - main.rss: resident memory after syncing the large folder vs before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { GENERATED_PEOPLE, GENERATED_WORDS, seedGeneratedFolder } from '../../e2e/servers/seed-generated';
import { MailStore } from '../../electron/core/store/mail-store';
import { openStoreDatabase } from '../../electron/core/store/open-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { ENVELOPE_QUERY } from '../../electron/core/sync/to-stored-message';
import { ImapSession } from '../../electron/core/transport/imap-session';
import { figure, percentile, timed, type Figure } from '../figure';
import { likeSearch } from './like-search';

export interface MailBenchSizes {
  /** Messages in the folder of sync.initial and sync.incremental (50,000 in the full run). */
  syncFolder: number;
  /** Messages behind search.p95 and main.rss (100,000 in the full run). */
  largeFolder: number;
}

const ACCOUNT = 'bench';
const MB = 1024 * 1024;

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / MB;
}

function client(servers: MailServersInfo): ImapFlow {
  const c = new ImapFlow({
    host: servers.host,
    port: servers.imapPort,
    secure: true,
    tls: { ca: [servers.caCertPem] },
    auth: { user: servers.users.alice.address, pass: servers.users.alice.password },
    logger: false,
  });
  c.on('error', () => undefined);
  return c;
}

function session(servers: MailServersInfo): ImapSession {
  const { alice } = servers.users;
  return new ImapSession({ host: servers.host, port: servers.imapPort }, { user: alice.address, pass: alice.password }, { extraTrustAnchors: [servers.caCertPem] });
}

/** The baseline: one streaming FETCH 1:* of exactly the fields the first sync asks for, nothing stored. */
async function bareFetch(servers: MailServersInfo, path: string): Promise<number> {
  const c = client(servers);
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

function queries(count: number): string[] {
  let state = 99;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const word = () => GENERATED_WORDS[next(GENERATED_WORDS.length)]!;
  const person = () => GENERATED_PEOPLE[next(GENERATED_PEOPLE.length)]!.split(' ')[0]!.toLowerCase();
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 10;
    if (kind < 5) return word();
    if (kind < 7) return word().slice(0, 3 + next(2));
    if (kind < 8) return `${word()} ${word()}`;
    if (kind < 9) return `from:${person()} ${word()}`;
    return `${word()} is:unread`;
  });
}

export async function runMailBench(servers: MailServersInfo, sizes: MailBenchSizes, log: (line: string) => void): Promise<Figure[]> {
  const stamp = `${process.pid}${Date.now() % 100000}`;
  const large = `BenchLarge${stamp}`;
  const syncPath = `BenchSync${stamp}`;
  const profile = await mkdtemp(join(tmpdir(), 'sealmail-bench-'));
  const cleanup = client(servers);
  const figures: Figure[] = [];
  try {
    log(`seeding ${sizes.largeFolder} and ${sizes.syncFolder} messages…`);
    await seedGeneratedFolder(servers, large, sizes.largeFolder, { seed: 1 });
    await seedGeneratedFolder(servers, syncPath, sizes.syncFolder, { seed: 2 });

    // main.rss: the store and sync of the large folder, in this process, before and after.
    const rssBefore = rssMb();
    const { db } = openStoreDatabase(join(profile, 'large'));
    const store = new MailStore(db);
    const largeSession = session(servers);
    const largeSync = await timed(() => syncFolder(largeSession, store, ACCOUNT, large));
    await largeSession.close();
    const rssAfter = rssMb();
    log(`synced ${sizes.largeFolder} messages in ${Math.round(largeSync.ms)} ms; rss ${Math.round(rssBefore)} → ${Math.round(rssAfter)} MB`);
    figures.push(figure('main.rss', rssAfter, 'MB', rssBefore, 'growth at most 300 MB'));

    // search.p95: 100 searches over the large folder, FTS5 against a LIKE scan of the same columns.
    const list = queries(100);
    const fts: number[] = [];
    const like: number[] = [];
    for (const query of list) {
      fts.push((await timed(() => store.search(ACCOUNT, large, query, 200))).ms);
      like.push((await timed(() => likeSearch(db, ACCOUNT, large, query, 200))).ms);
    }
    figures.push(figure('search.p95', percentile(fts, 95), 'ms', percentile(like, 95), 'at most 50 ms'));
    store.close();

    // sync.initial: warm Dovecot's index and cache with one bare fetch, then baseline, then the store.
    await bareFetch(servers, syncPath);
    const baseline = await timed(() => bareFetch(servers, syncPath));
    const { db: syncDb } = openStoreDatabase(join(profile, 'sync'));
    const syncStore = new MailStore(syncDb);
    const syncSession = session(servers);
    const first = await timed(() => syncFolder(syncSession, syncStore, ACCOUNT, syncPath));
    log(`first sync ${Math.round(first.ms)} ms, bare FETCH ${Math.round(baseline.ms)} ms`);
    figures.push(figure('sync.initial', first.ms, 'ms', baseline.ms, 'ratio at most 1.3'));

    // sync.incremental: 10 flags changed by another client, then resync.
    await cleanup.connect();
    const lock = await cleanup.getMailboxLock(syncPath);
    try {
      await cleanup.messageFlagsAdd('1:10', ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    const again = await timed(() => syncFolder(syncSession, syncStore, ACCOUNT, syncPath));
    if (again.result.flagChanges !== 10) throw new Error(`the resync saw ${again.result.flagChanges} flag changes, not 10`);
    figures.push(figure('sync.incremental', again.ms, 'ms', first.ms, 'ratio at most 0.05'));
    await syncSession.close();
    syncStore.close();
    return figures;
  } finally {
    if (!cleanup.usable) await cleanup.connect().catch(() => undefined);
    for (const path of [large, syncPath]) await cleanup.mailboxDelete(path).catch(() => undefined);
    await cleanup.logout().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
