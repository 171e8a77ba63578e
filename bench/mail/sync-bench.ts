/**
 * The sync figures against the real Dovecot:
 * - sync.initial: first sync of a folder into the store vs a bare imapflow streaming FETCH of the same fields;
 * - sync.incremental: resync after 10 flag changes vs that first sync.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { seedGeneratedFolder } from '../../e2e/servers/seed-generated';
import { MailStore } from '../../electron/core/store/mail-store';
import { openStoreDatabase } from '../../electron/core/store/open-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { ENVELOPE_QUERY } from '../../electron/core/sync/to-stored-message';
import { figure, timed, type Figure } from '../figure';
import { appSession, bareClient } from './bench-clients';

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

/** Seeds a folder of `size` messages, measures its first sync and a resync after 10 flag changes. */
export async function runSyncBench(servers: MailServersInfo, size: number, log: (line: string) => void): Promise<Figure[]> {
  const path = `BenchSync${process.pid}${Date.now() % 100000}`;
  const profile = await mkdtemp(join(tmpdir(), 'sealmail-bench-sync-'));
  const cleanup = bareClient(servers);
  try {
    log(`seeding ${size} messages…`);
    await seedGeneratedFolder(servers, path, size, { seed: 2 });

    // Warm Dovecot's index and cache with one bare fetch; then the baseline is measured just before
    // and just after the first sync, and averaged, so a machine whose load drifts during the run
    // (it is shared) favours neither side.
    await bareFetch(servers, path);
    const before = await timed(() => bareFetch(servers, path));
    const { db } = openStoreDatabase(join(profile, 'sync'));
    const store = new MailStore(db);
    const session = appSession(servers);
    const first = await timed(() => syncFolder(session, store, ACCOUNT, path));
    const after = await timed(() => bareFetch(servers, path));
    const baseline = (before.ms + after.ms) / 2;
    log(`first sync ${Math.round(first.ms)} ms, bare FETCH ${Math.round(before.ms)} ms before it and ${Math.round(after.ms)} ms after`);
    const figures = [figure('sync.initial', first.ms, 'ms', baseline, 'ratio at most 1.3')];

    // sync.incremental: 10 flags changed by another client, then resync.
    await cleanup.connect();
    const lock = await cleanup.getMailboxLock(path);
    try {
      await cleanup.messageFlagsAdd('1:10', ['\\Flagged'], { uid: true });
    } finally {
      lock.release();
    }
    const again = await timed(() => syncFolder(session, store, ACCOUNT, path));
    if (again.result.flagChanges !== 10) throw new Error(`the resync saw ${again.result.flagChanges} flag changes, not 10`);
    log(`resync after 10 flag changes ${Math.round(again.ms)} ms`);
    figures.push(figure('sync.incremental', again.ms, 'ms', first.ms, 'ratio at most 0.05'));
    await session.close();
    store.close();
    return figures;
  } finally {
    if (!cleanup.usable) await cleanup.connect().catch(() => undefined);
    await cleanup.mailboxDelete(path).catch(() => undefined);
    await cleanup.logout().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
  }
}
