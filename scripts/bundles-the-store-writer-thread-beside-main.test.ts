/**
 * The first sync writes through a thread whose entry main.js (or one of its chunks) looks for beside itself: the build
 * must put it there, and the bundled entry must start on its own and write to a store file.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MailStore } from '../electron/core/store/mail-store';
import { openStoreDatabase } from '../electron/core/store/open-database';
import { storedMessage } from '../electron/core/store/testing/sample-messages';
import type { WriterReply } from '../electron/core/store/writer-protocol';
import { buildMain } from './build-electron';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let out: string;
let profile: string;

beforeAll(async () => {
  // Inside the checkout (out/ is ignored), so the bundle's external imports resolve from node_modules as in the app.
  await mkdir(join(ROOT, 'out'), { recursive: true });
  out = await mkdtemp(join(ROOT, 'out', 'bundle-writer-'));
  profile = await mkdtemp(join(tmpdir(), 'sealmail-bundle-writer-'));
  await buildMain(out);
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

test('the writer thread is bundled beside main.js, which looks for it there', async () => {
  expect(existsSync(join(out, 'app', 'store-writer-worker.js'))).toBe(true);
  // main.js, or a chunk of it beside it (the build splits what loads on first use), names it.
  const chunks = (await readdir(join(out, 'app'))).filter((name) => name.endsWith('.js') && name !== 'store-writer-worker.js');
  expect(chunks).toContain('main.js');
  const code = await Promise.all(chunks.map((name) => readFile(join(out, 'app', name), 'utf8')));
  expect(code.some((text) => text.includes('./store-writer-worker.js'))).toBe(true);
  const worker = await readFile(join(out, 'app', 'store-writer-worker.js'), 'utf8');
  expect(worker).not.toMatch(/from "electron"/);
});

test('the bundled writer thread starts on a store file and commits a batch the main connection reads', async () => {
  const { db } = openStoreDatabase(profile);
  const store = new MailStore(db);
  store.ensureFolder('acc', 'INBOX');
  const worker = new Worker(resolve(out, 'app', 'store-writer-worker.js'), { workerData: { file: store.file } });
  try {
    const replies: WriterReply[] = [];
    const next = () => new Promise<WriterReply>((done) => worker.once('message', (reply: WriterReply) => done(reply)));
    replies.push(await next());
    worker.postMessage({ id: 1, op: 'put', accountId: 'acc', path: 'INBOX', messages: [storedMessage(7), storedMessage(8)], index: true });
    replies.push(await next());
    expect(replies).toEqual([{ ready: true }, { id: 1, failure: null }]);
    expect(store.uids('acc', 'INBOX')).toEqual([7, 8]);
    expect(store.search('acc', 'INBOX', 'message', 10).total).toBe(2);
  } finally {
    await worker.terminate();
    store.close();
  }
});
