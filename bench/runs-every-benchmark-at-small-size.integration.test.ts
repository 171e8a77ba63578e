/**
 * `npm run bench -- --json --small` against the test Dovecot: every figure the issue names is
 * there, each a positive number with its baseline and ratio, so the benchmarks cannot rot.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, inject, test } from 'vitest';
import { writeServersInfo } from '../e2e/servers/mail-servers';

const NAMES = ['sync.initial', 'sync.first-page', 'search.p95.syncing', 'app.start', 'sync.incremental', 'search.p95', 'main.rss', 'ui.list.maxframe', 'ui.conversations.maxframe', 'ui.list.maxframe.syncing'];

test('the benchmark prints one JSON array with every figure, each a positive number against a baseline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-bench-test-'));
  try {
    const infoFile = join(dir, 'servers.json');
    writeServersInfo(inject('mailServers'), infoFile);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--json', '--small'], {
      env: { ...process.env, SEALMAIL_TEST_SERVERS: infoFile },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(Array.isArray(figures)).toBe(true);
    for (const name of NAMES) {
      const found = figures.find((f) => f.name === name);
      expect(found, name).toBeDefined();
      expect(Object.keys(found!).sort()).toEqual(['baseline', 'name', 'ratio', 'unit', 'value']);
      for (const key of ['value', 'baseline', 'ratio'] as const) {
        expect(typeof found![key], `${name}.${key}`).toBe('number');
        expect(found![key] as number, `${name}.${key}`).toBeGreaterThan(0);
      }
      expect(typeof found!.unit).toBe('string');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
