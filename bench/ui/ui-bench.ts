/**
 * ui.list.maxframe and ui.conversations.maxframe: the longest frame while scrolling the message
 * list in Chromium, flat and grouped by conversation, 100,000 messages against 100. The real
 * MessageList and ConversationList are bundled with esbuild and scrolled by a fixed step each
 * animation frame, with Chromium's frame-rate limit off, so a frame lasts as long as its work
 * (bench-browser.ts). Each list is scrolled in three separate passes and the calmest pass counts.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { figure, type Figure } from '../figure';
import { launchBenchBrowser, scrollScript } from './bench-browser';

const ROOT = join(import.meta.dirname, '../..');

async function page(): Promise<string> {
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'list-harness.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    // SEALMAIL_BENCH_DEBUG keeps names readable in a profile.
    minify: !process.env.SEALMAIL_BENCH_DEBUG,
    outdir: join(ROOT, '.tmp/bench-ui'),
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const js = bundle.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const css = bundle.outputFiles.filter((file) => file.path.endsWith('.css')).map((file) => file.text);
  const styles = await Promise.all(['base.css', 'components.css'].map((name) => readFile(join(ROOT, 'renderer/styles', name), 'utf8')));
  return `<!doctype html><html><head><meta charset="utf-8"><style>${[...styles, ...css].join('\n')}</style></head>
    <body><div id="root"></div><script>window.LIST_COUNT = __COUNT__; window.LIST_KIND = '__KIND__';</script><script>${js.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

type ListKind = 'flat' | 'conversations';

async function longestFrame(html: string, kind: ListKind, count: number, frames: number): Promise<number> {
  const browser = await launchBenchBrowser();
  try {
    const tab = await browser.newPage({ viewport: { width: 480, height: 760 } });
    await tab.setContent(html.replace('__COUNT__', String(count)).replace('__KIND__', kind));
    await tab.waitForSelector('[role="option"], [role="treeitem"]');
    // A warm-up pass (JIT, style caches), then the measured one.
    await tab.evaluate(scrollScript(30, 600));
    const lengths = (await tab.evaluate(scrollScript(frames, 600))) as number[];
    if (process.env.SEALMAIL_BENCH_DEBUG) console.error(kind, count, lengths.map((l) => Math.round(l)).join(" "));
    return Math.max(...lengths);
  } finally {
    await browser.close();
  }
}

/**
 * The longest frame of the best of `runs` scroll passes: the machine is shared (other processes,
 * GC in the bench itself), and a pass disturbed from outside says nothing about the list.
 */
async function bestLongestFrame(html: string, kind: ListKind, count: number, frames: number, runs: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < runs; run++) best = Math.min(best, await longestFrame(html, kind, count, frames));
  return best;
}

export async function runUiBench(sizes: { rows: number; frames: number; runs?: number }, log: (line: string) => void): Promise<Figure[]> {
  const html = await page();
  const runs = sizes.runs ?? 3;
  const figures: Figure[] = [];
  for (const [kind, name] of [['flat', 'ui.list.maxframe'], ['conversations', 'ui.conversations.maxframe']] as const) {
    const baseline = await bestLongestFrame(html, kind, 100, sizes.frames, runs);
    const value = await bestLongestFrame(html, kind, sizes.rows, sizes.frames, runs);
    log(`longest frame (${kind}): ${value.toFixed(1)} ms with ${sizes.rows} messages, ${baseline.toFixed(1)} ms with 100`);
    figures.push(figure(name, value, 'ms', baseline, 'at most 20 ms'));
  }
  return figures;
}
