import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMain, buildPreload } from './build-electron';

describe('electron bundles', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'sealmail-bundle-'));
    await Promise.all([buildMain(out), buildPreload(out)]);
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('the preload is one CommonJS file whose only require is electron', async () => {
    const code = await readFile(join(out, 'preload', 'preload.cjs'), 'utf8');
    const required = new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]));
    expect([...required]).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).toContain('exposeInMainWorld("sealmail"');
  });

  it('the main bundle is ESM and loads electron from the runtime, not from node_modules', async () => {
    const code = await readFile(join(out, 'app', 'main.js'), 'utf8');
    expect(code).toMatch(/^import \{[^}]*\bapp\b[^}]*\} from "electron";$/m);
    expect(code).toContain('sealmail:call:');
  });
});
