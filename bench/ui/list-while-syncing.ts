/**
 * ui.list.maxframe.syncing: the longest frame scrolling the message list of the real app while
 * the first sync of a large folder writes it, against the same list scrolled once that sync is
 * over. The whole renderer runs in Chromium on the loopback bridge (as `npm run dev:web`), over a
 * real core in this process: the folder is chosen in the folder list, the list shows the newest
 * mail as it is stored, reloads as the core reports changes and loads more as it scrolls, while
 * the core parses the FETCH and its writer thread commits. A test server of the benchmark's own is
 * weighed as if it were remote (server-as-if-remote.ts). Each pass is a new profile; the calmest
 * pass counts, as in ui-bench.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { build } from 'vite';
import type { MailServersInfo } from '../../e2e/servers/mail-servers';
import { createCore } from '../../electron/core/create-core';
import { MemorySecretStore } from '../../electron/core/ports';
import { accountSettings, value } from '../../electron/core/testing/core-on-test-servers';
import { inProcessApi } from '../../electron/core/testing/in-process-api';
import { startBridgeServer } from '../../electron/devserver/bridge-server';
import { figure, type Figure } from '../figure';
import { launchBenchBrowser, scrollScript } from './bench-browser';
import { serverAsIfRemote } from './server-as-if-remote';

const ROOT = join(import.meta.dirname, '../..');
const RENDERER = join(ROOT, '.tmp/bench-renderer');
const STEP = 600;
/** Frames measured after the sync, and at most during it (it usually ends first). */
const MAX_FRAMES = 3000;
const MIN_FRAMES = 60;

/** The renderer as `npm start` and dev:web serve it, built from this checkout into a folder of the benchmark's own. */
async function buildRenderer(): Promise<void> {
  await build({ configFile: join(ROOT, 'renderer/vite.config.ts'), logLevel: 'warn', build: { outDir: RENDERER, emptyOutDir: true } });
}

interface Pass {
  during: number;
  after: number;
  frames: number;
}

async function onePass(browser: Browser, servers: MailServersInfo, path: string, size: number): Promise<Pass> {
  const profileDir = await mkdtemp(join(tmpdir(), 'sealmail-bench-live-'));
  const core = createCore({ profileDir, secrets: new MemorySecretStore(), extraTrustAnchors: [servers.caCertPem] });
  const bridge = await startBridgeServer({ core, staticDir: RENDERER, port: 0 });
  const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    value(await inProcessApi(core).addAccount(accountSettings(servers, servers.users.alice)));
    let synced!: () => void;
    const done = new Promise<void>((resolve) => (synced = resolve));
    const unsubscribe = core.subscribe((event, payload) => {
      const progress = payload as { folder?: string; done?: number; total?: number };
      if (event === 'syncProgress' && progress.folder === path && progress.total === size && progress.done === size) synced();
    });
    await tab.goto(bridge.url);
    await tab.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${path}`) }).click();
    await tab.locator('.message-list-scroll [role="option"]').first().waitFor();

    // Scrolls until the sync has stored the whole folder (the core says so), then again as long once
    // it is over. A small folder is stored before the first frame: then the frames from the first
    // rows on, through the reloads that end the sync, are what is measured.
    const scrolling = tab.evaluate(scrollScript(MAX_FRAMES, STEP, MIN_FRAMES)) as Promise<number[]>;
    let over = false;
    void done.then(() => {
      over = true;
      return tab.evaluate('window.stopScrolling = true');
    });
    const during = await scrolling;
    if (!over) throw new Error(`the first sync of ${size} messages outlasted ${MAX_FRAMES} frames of scrolling`);
    unsubscribe();
    // The last reload after the sync lands first: what is measured then is the list at rest.
    await tab.waitForTimeout(1000);
    const after = (await tab.evaluate(scrollScript(Math.max(during.length, 60), STEP))) as number[];
    return { during: Math.max(...during), after: Math.max(...after), frames: during.length };
  } finally {
    await tab.close();
    await bridge.close();
    await core.close();
    await rm(profileDir, { recursive: true, force: true });
  }
}

/**
 * `path` holds `size` messages on the server; each pass syncs it afresh into a new profile. A server
 * shared with other tests (`ownServers` false, as in npm test) keeps its CPU share: they need it.
 */
export async function runListWhileSyncing(servers: MailServersInfo, ownServers: boolean, path: string, size: number, passes: number, log: (line: string) => void): Promise<Figure> {
  await buildRenderer();
  const browser = await launchBenchBrowser();
  const restoreServer = ownServers ? serverAsIfRemote(servers.pids.dovecot, log) : () => undefined;
  try {
    const results: Pass[] = [];
    for (let pass = 0; pass < passes; pass++) results.push(await onePass(browser, servers, path, size));
    const during = Math.min(...results.map((r) => r.during));
    const after = Math.min(...results.map((r) => r.after));
    log(`longest frame in the app's list during the first sync of ${size}: ${results.map((r) => `${r.during.toFixed(1)} ms over ${r.frames} frames`).join(', ')}; after it ${results.map((r) => r.after.toFixed(1)).join(', ')} ms`);
    return figure('ui.list.maxframe.syncing', during, 'ms', after, 'at most 20 ms, as ui.list.maxframe');
  } finally {
    restoreServer();
    await browser.close();
  }
}
