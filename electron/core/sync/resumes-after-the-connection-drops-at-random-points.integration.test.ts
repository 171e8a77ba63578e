/**
 * The connection is cut at random points of a first sync and of incremental syncs (through a relay
 * on 127.0.0.1); each time the sync is simply run again. In the end the store holds exactly what
 * the server holds: no message twice, none missing, every flag right.
 */
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import type { MailStore } from '../store/mail-store';
import { memoryStore } from '../store/testing/memory-store';
import { seededFolder } from './testing/seeded-folder';
import { syncFolder } from './sync-folder';
import { startCuttableProxy, type CuttableProxy } from './testing/cuttable-proxy';
import { serverFlags } from './testing/imap-fixtures';

const servers = inject('mailServers');
const seeded = seededFolder('SyncCut', 3000, 23, { port: () => proxy.port });
const folder = seeded.path;
let proxy: CuttableProxy;
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
  proxy = await startCuttableProxy(servers.imapPort);
  store = memoryStore();
});

afterAll(async () => {
  await proxy.close();
});

async function syncThroughCuts(nextCut: () => number, cuts: number): Promise<number> {
  let failures = 0;
  for (let attempt = 0; attempt < cuts + 20; attempt++) {
    if (attempt < cuts) proxy.cutAfter(nextCut());
    try {
      await syncFolder(seeded.session, store, 'acc', folder);
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
  expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  expect(store.page('acc', folder, 0, 1).total).toBe(3000);
});

test('incremental syncs cut at random points end equal to the server', async () => {
  const next = cutPoints(7);
  for (let round = 0; round < 3; round++) {
    await seeded.elsewhere(async (other) => {
      await other.messageFlagsAdd(`${round * 50 + 1}:${round * 50 + 40}`, ['\\Flagged'], { uid: true });
      await other.messageFlagsRemove(`${round * 50 + 100}:${round * 50 + 130}`, ['\\Seen'], { uid: true });
      await other.messageDelete(`${2000 + round}`, { uid: true });
    });
    // Small budgets: incremental answers are short, the cut must land inside them.
    await syncThroughCuts(() => 50 + (next() % 3000), 2);
    expect(store.flagList('acc', folder)).toEqual(await serverFlags(seeded.other, folder));
  }
});
