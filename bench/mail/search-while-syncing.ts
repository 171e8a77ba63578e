/**
 * search.p95.syncing: searches while a first sync of the folder runs (its batches written on the
 * writer thread), answered from what is stored so far, against the same searches once the sync is
 * over. A search is timed from the moment it was due, so time it spends queued behind the sync's
 * own work on the main thread counts, as it would for the user typing in the search box.
 */
import { join } from 'node:path';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { MailStore } from '../../electron/core/store/mail-store';
import { openStoreDatabase } from '../../electron/core/store/open-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { appSession } from '../../electron/core/sync/testing/imap-fixtures';
import { figure, percentile, timed, type Figure } from '../figure';
import { benchQueries } from './search-queries';

const ACCOUNT = 'bench';
/** One search this often while the sync runs: a person typing, a letter at a time. */
const EVERY_MS = 25;

export async function runSearchWhileSyncing(servers: MailServersInfo, path: string, storeDir: string, log: (line: string) => void): Promise<Figure> {
  const store = new MailStore(openStoreDatabase(storeDir).db);
  const session = appSession(servers);
  const queries = benchQueries(100);
  const during: number[] = [];
  let syncing = true;
  let searchesWithResults = 0;
  try {
    const sync = syncFolder(session, store, ACCOUNT, path).finally(() => (syncing = false));
    // Each search is due EVERY_MS after the last one was answered, as the next keystroke would be.
    let due = performance.now() + EVERY_MS;
    for (let i = 0; syncing; i++) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      if (!syncing) break;
      // A timer may fire a hair before it is due: then the search is timed from when it started.
      const asked = Math.min(due, performance.now());
      const page = store.search(ACCOUNT, path, queries[i % queries.length]!, 200);
      during.push(performance.now() - asked);
      if (page.messages.length > 0) searchesWithResults++;
      due = performance.now() + EVERY_MS;
    }
    await sync;
    if (during.length === 0) throw new Error('the first sync ended before any search was made');
    if (during.length >= 10 && searchesWithResults === 0) throw new Error('no search found anything while the first sync ran');
    const after: number[] = [];
    for (const query of queries) after.push((await timed(() => store.search(ACCOUNT, path, query, 200))).ms);
    log(`${during.length} searches during the first sync (${searchesWithResults} found something): p95 ${percentile(during, 95).toFixed(1)} ms; after it ${percentile(after, 95).toFixed(1)} ms`);
    return figure('search.p95.syncing', percentile(during, 95), 'ms', percentile(after, 95), 'at most 50 ms, as search.p95');
  } finally {
    await session.close();
    store.close();
  }
}

/** Where it keeps its store: a folder of its own under the sync benchmark's profile. */
export const searchStoreDir = (profile: string) => join(profile, 'search-while-syncing');
