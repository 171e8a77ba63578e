import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installedElectronVersion } from './testing/electronegativity';

/**
 * Electron security checklist item 16, "use a current version of Electron", as far as a test
 * without network can hold it: the version is pinned exactly (what is tested is what ships), the
 * installed one is that version, and it is no older than the floor below. Raise the floor with
 * every Electron upgrade; Electron supports its latest three major lines.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OLDEST_ACCEPTED_MAJOR = 45;

describe('Electron version', () => {
  it('is pinned exactly, installed as pinned, and current', async () => {
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const pinned = manifest.devDependencies?.electron ?? manifest.dependencies?.electron;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installedElectronVersion()).toBe(pinned);
    expect(Number(pinned?.split('.')[0])).toBeGreaterThanOrEqual(OLDEST_ACCEPTED_MAJOR);
  });
});
