/**
 * The Chromium the UI figures scroll in, and how they scroll: a fixed step each animation frame,
 * with the frame-rate limit and vsync off, so a frame lasts as long as its work.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { ensureSystemPackages } from '../../e2e/servers/ensure-packages';
import { CHROMIUM } from '../../scripts/system-packages';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface BenchBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Chromium started as a plain child of this process, then driven over the DevTools protocol on
 * loopback. Playwright's own launch puts the browser in a session of its own, and Linux gives each
 * session an equal share of the CPU whatever its threads' nice values (autogroups): a core working
 * in this process would then get as much CPU as the whole browser. In Electron the main process and
 * the renderer are one session, where a niced thread yields to the renderer; so it is here.
 */
export async function launchBenchBrowser(): Promise<BenchBrowser> {
  await ensureSystemPackages(['browser']);
  const profile = await mkdtemp(join(tmpdir(), 'sealmail-bench-chromium-'));
  const child = spawn(CHROMIUM, [...ARGS, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stderr.setEncoding('utf8');
      const listen = (chunk: string): void => {
        output += chunk;
        const found = /DevTools listening on (ws:\/\/\S+)/.exec(output);
        if (!found) return;
        // From here on its output is only drained, never kept.
        child.stderr.off('data', listen);
        child.stderr.resume();
        resolve(found[1]!);
      };
      child.stderr.on('data', listen);
      child.once('exit', (code) => reject(new Error(`chromium exited (code ${code}) before it listened:\n${output.slice(-2000)}`)));
      child.once('error', reject);
    });
    const browser = await chromium.connectOverCDP(endpoint);
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        child.kill();
        await exited;
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (err) {
    child.kill();
    await exited;
    await rm(profile, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Scrolls the message list FRAMES frames of STEP pixels (wrapping at the end), or until the page
 * sets window.stopScrolling once at least AT_LEAST frames have passed, and returns every frame's
 * length in ms. Kept as page source text: a bundler's helpers must not leak into code run in the page.
 */
const SCROLL_FRAMES = `new Promise((resolve) => {
  const scroller = document.querySelector('.message-list-scroll');
  const lengths = [];
  let last = performance.now();
  let frame = 0;
  window.stopScrolling = false;
  const tick = () => {
    const now = performance.now();
    if (frame > 0) lengths.push(now - last);
    last = now;
    if (frame++ >= FRAMES || (window.stopScrolling && frame > AT_LEAST)) return resolve(lengths);
    const room = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = room > 0 ? (scroller.scrollTop + STEP) % room : 0;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

export const scrollScript = (frames: number, step: number, atLeast = 0) =>
  SCROLL_FRAMES.replace('FRAMES', String(frames)).replace('STEP', String(step)).replace('AT_LEAST', String(atLeast));
