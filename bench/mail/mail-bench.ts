/**
 * The store and search figures against the real Dovecot (the sync figures are in sync-bench.ts):
 * - search.p95: 95th percentile of 100 searches (FTS5) vs the same searches as a LIKE scan;
 * - main.rss: resident memory after syncing the large folder vs before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { GENERATED_PEOPLE, GENERATED_WORDS, seedGeneratedFolder } from '../../e2e/servers/seed-generated';
import { MailStore } from '../../electron/core/store/mail-store';
import { openStoreDatabase } from '../../electron/core/store/open-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { figure, percentile, timed, type Figure } from '../figure';
import { appSession, bareClient } from '../../electron/core/sync/testing/imap-fixtures';
import { likeSearch } from './like-search';

export interface MailBenchSizes {
  /** Messages behind search.p95 and main.rss (100,000 in the full run). */
  largeFolder: number;
}

const ACCOUNT = 'bench';
const MB = 1024 * 1024;

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / MB;
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
  const profile = await mkdtemp(join(tmpdir(), 'sealmail-bench-'));
  const cleanup = bareClient(servers);
  const figures: Figure[] = [];
  try {
    log(`seeding ${sizes.largeFolder} messages…`);
    await seedGeneratedFolder(servers, large, sizes.largeFolder, { seed: 1 });

    // main.rss: the store and sync of the large folder, in this process, before and after.
    const rssBefore = rssMb();
    const { db } = openStoreDatabase(join(profile, 'large'));
    const store = new MailStore(db);
    const largeSession = appSession(servers);
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
    return figures;
  } finally {
    if (!cleanup.usable) await cleanup.connect().catch(() => undefined);
    await cleanup.mailboxDelete(large).catch(() => undefined);
    await cleanup.logout().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
