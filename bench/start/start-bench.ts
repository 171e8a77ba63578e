/**
 * app.start: from launching the core on a synced profile to the inbox's first page answered
 * through the contract, against better-sqlite3 alone opening the same store file and reading the
 * same page (same run). Each start is a new process running a bundle built as the app's main
 * process is, the two kinds taking turns; the medians are compared.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { mainProcessBuild } from '../../scripts/build-electron';
import { figure, type Figure } from '../figure';
import type { StartSettings } from './core-for-start';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, '.tmp/bench-start');

export interface StartedProfile {
  profileDir: string;
  accountId: string;
  folder: string;
  settings: StartSettings;
}

/** The child bundled as the app's main process is (split into chunks: the core's loads only when the child imports it, on its clock). */
async function bundleChild(): Promise<string> {
  await rm(OUT, { recursive: true, force: true });
  await build({ ...mainProcessBuild({ 'start-child': join(import.meta.dirname, 'start-child.ts') }, OUT), outExtension: { '.js': '.mjs' } });
  return join(OUT, 'start-child.mjs');
}

function startOnce(child: string, mode: 'core' | 'sqlite', profile: StartedProfile): Promise<{ ms: number; messages: number }> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, [child, mode, profile.profileDir, profile.accountId, profile.folder], {
      cwd: ROOT,
      env: { ...process.env, SEALMAIL_BENCH_START: JSON.stringify(profile.settings) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    run.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    run.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    run.on('error', reject);
    run.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the ${mode} start failed (${code}): ${err.trim()}`));
      resolve(JSON.parse(out) as { ms: number; messages: number });
    });
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** `rounds` starts of each kind, taking turns, after one of each to warm the file cache. */
export async function runStartBench(profile: StartedProfile, rounds: number, log: (line: string) => void): Promise<Figure> {
  const child = await bundleChild();
  const core: number[] = [];
  const sqlite: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const fromCore = await startOnce(child, 'core', profile);
    const alone = await startOnce(child, 'sqlite', profile);
    if (fromCore.messages !== alone.messages || alone.messages === 0) {
      throw new Error(`the core listed ${fromCore.messages} messages on its first page, better-sqlite3 alone ${alone.messages}`);
    }
    if (round < 0) continue;
    core.push(fromCore.ms);
    sqlite.push(alone.ms);
  }
  log(`start to first page: core ${core.map(Math.round).join(', ')} ms; better-sqlite3 alone ${sqlite.map(Math.round).join(', ')} ms`);
  return figure('app.start', median(core), 'ms', median(sqlite), 'ratio at most 3');
}
