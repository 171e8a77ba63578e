/**
 * The store and search figures against the real Dovecot (the sync figures are in sync-bench.ts):
 * - search.p95: 95th percentile of 100 searches (FTS5) vs the same searches as a LIKE scan;
 * - main.rss: resident memory after syncing the large folder vs before;
 * - app.start: a core started on that profile until its first page is answered (start-bench.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { seedGeneratedFolder } from '../../e2e/servers/seed-generated';
import { MailStore } from '../../electron/core/store/mail-store';
import { openStoreDatabase } from '../../electron/core/store/open-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { figure, percentile, timed, type Figure } from '../figure';
import { appSession, bareClient } from '../../electron/core/sync/testing/imap-fixtures';
import { likeSearch } from './like-search';
import { benchQueries } from './search-queries';
import { accountSettings, value } from '../../electron/core/testing/core-on-test-servers';
import { createCore } from '../../electron/core/create-core';
import type { SecretStore } from '../../electron/core/ports';
import { inProcessApi } from '../../electron/core/testing/in-process-api';
import { runStartBench } from '../start/start-bench';

export interface MailBenchSizes {
  /** Messages behind search.p95, main.rss and app.start (100,000 in the full run). */
  largeFolder: number;
  /** Cold starts of each kind app.start takes the median of. */
  starts: number;
}

const MB = 1024 * 1024;

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / MB;
}

/** A secret store whose contents the benchmark hands to the cores it starts in other processes. */
class BenchSecrets implements SecretStore {
  readonly entries: Record<string, string> = {};
  async get(key: string) {
    return this.entries[key] ?? null;
  }
  async set(key: string, secret: string) {
    this.entries[key] = secret;
  }
  async delete(key: string) {
    delete this.entries[key];
  }
}

/** Alice's account added to a new profile as the setup screen would add it: its id, and its secrets. */
async function profileWithAccount(servers: MailServersInfo, profileDir: string): Promise<{ accountId: string; secrets: BenchSecrets }> {
  const secrets = new BenchSecrets();
  const core = createCore({ profileDir, secrets, extraTrustAnchors: [servers.caCertPem] });
  try {
    const account = value(await inProcessApi(core).addAccount(accountSettings(servers, servers.users.alice)));
    return { accountId: account.id, secrets };
  } finally {
    await core.close();
  }
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

    // The profile app.start opens later: an account, and the large folder synced into its store.
    const profileDir = join(profile, 'large');
    const { accountId: ACCOUNT, secrets } = await profileWithAccount(servers, profileDir);

    // main.rss: the store and sync of the large folder, in this process, before and after.
    const rssBefore = rssMb();
    const { db } = openStoreDatabase(profileDir);
    const store = new MailStore(db);
    const largeSession = appSession(servers);
    const largeSync = await timed(() => syncFolder(largeSession, store, ACCOUNT, large));
    await largeSession.close();
    const rssAfter = rssMb();
    log(`synced ${sizes.largeFolder} messages in ${Math.round(largeSync.ms)} ms; rss ${Math.round(rssBefore)} → ${Math.round(rssAfter)} MB`);
    figures.push(figure('main.rss', rssAfter, 'MB', rssBefore, 'growth at most 300 MB'));

    // search.p95: 100 searches over the large folder, FTS5 against a LIKE scan of the same columns.
    const list = benchQueries(100);
    const fts: number[] = [];
    const like: number[] = [];
    for (const query of list) {
      fts.push((await timed(() => store.search(ACCOUNT, large, query, 200))).ms);
      like.push((await timed(() => likeSearch(db, ACCOUNT, large, query, 200))).ms);
    }
    figures.push(figure('search.p95', percentile(fts, 95), 'ms', percentile(like, 95), 'at most 50 ms'));
    store.close();

    const settings = { secrets: secrets.entries, extraTrustAnchors: [servers.caCertPem] };
    figures.push(await runStartBench({ profileDir, accountId: ACCOUNT, folder: large, settings }, sizes.starts, log));
    return figures;
  } finally {
    if (!cleanup.usable) await cleanup.connect().catch(() => undefined);
    await cleanup.mailboxDelete(large).catch(() => undefined);
    await cleanup.logout().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
