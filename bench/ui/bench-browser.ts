/**
 * The Chromium the UI figures scroll in, and how they scroll: a fixed step each animation frame,
 * with the frame-rate limit and vsync off, so a frame lasts as long as its work.
 */
import { chromium, type Browser } from '@playwright/test';
import { ensureSystemPackages } from '../../e2e/servers/ensure-packages';
import { CHROMIUM } from '../../scripts/system-packages';

export async function launchBenchBrowser(): Promise<Browser> {
  await ensureSystemPackages(['browser']);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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
