/**
 * The connection is cut at random points of a first sync and of incremental syncs (through a relay
 * on 127.0.0.1); each time the sync is simply run again. In the end the store holds exactly what
 * the server holds: no message twice, none missing, every flag right.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { seedGeneratedFolder } from '../../../e2e/servers/seed-generated';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import type { ImapSession } from '../transport/imap-session';
import { syncFolder } from './sync-folder';
import { startCuttableProxy, type CuttableProxy } from './testing/cuttable-proxy';
import { appSession, otherClient, serverFlags } from './testing/imap-fixtures';

const servers = inject('mailServers');
const folder = `SyncCut${process.pid}`;
let proxy: CuttableProxy;
let session: ImapSession;
let other: ImapFlow;
let store: MailStore;

/** Reproducible "random" cut points: the test fails the same way twice. */
function cutPoints(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return 2_000 + (state % 400_000);
  };
}

beforeAll(async () => {
  await seedGeneratedFolder(servers, folder, 3000, { seed: 23 });
  proxy = await startCuttableProxy(servers.imapPort);
  session = appSession(servers, proxy.port);
  other = await otherClient(servers);
  store = memoryStore();
});

afterAll(async () => {
  await session.close();
  await proxy.close();
  await other.mailboxDelete(folder).catch(() => undefined);
  await other.logout();
});

async function syncThroughCuts(nextCut: () => number, cuts: number): Promise<number> {
  let failures = 0;
  for (let attempt = 0; attempt < cuts + 20; attempt++) {
    if (attempt < cuts) proxy.cutAfter(nextCut());
    try {
      await syncFolder(session, store, 'acc', folder);
      return failures;
    } catch (error) {
      // The user would see one sentence; here it must be about the connection, nothing stranger.
      // (A cut inside the TLS handshake is reported by the transport as TLS_REQUIRED.)
      expect(error).toBeInstanceOf(SealmailError);
      expect((error as SealmailError).code).toMatch(/HOST_UNREACHABLE|TIMEOUT|PROTOCOL_ERROR|TLS_REQUIRED/);
      failures++;
    }
  }
  throw new Error('the sync never completed');
}

test('a first sync cut at random points resumes and ends equal to the server', async () => {
  const failures = await syncThroughCuts(cutPoints(42), 6);
  expect(failures).toBeGreaterThan(0);
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(other, folder));
  expect(store.page('acc', folder, 0, 1).total).toBe(3000);
});

test('incremental syncs cut at random points end equal to the server', async () => {
  const next = cutPoints(7);
  for (let round = 0; round < 3; round++) {
    const lock = await other.getMailboxLock(folder);
    try {
      await other.messageFlagsAdd(`${round * 50 + 1}:${round * 50 + 40}`, ['\\Flagged'], { uid: true });
      await other.messageFlagsRemove(`${round * 50 + 100}:${round * 50 + 130}`, ['\\Seen'], { uid: true });
      await other.messageDelete(`${2000 + round}`, { uid: true });
    } finally {
      lock.release();
    }
    // Small budgets: incremental answers are short, the cut must land inside them.
    await syncThroughCuts(() => 50 + (next() % 3000), 2);
    expect(store.flagList('acc', folder)).toEqual(await serverFlags(other, folder));
  }
});
