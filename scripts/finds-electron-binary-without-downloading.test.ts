import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary, MISSING_ELECTRON_SENTENCE } from './electron-binary';

describe('findElectronBinary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sealmail-electron-'));
    // An index.js that would "download" if anything ran it.
    await writeFile(join(dir, 'index.js'), "throw new Error('must not run');");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reports none when the package never wrote path.txt', () => {
    expect(findElectronBinary({ packageDir: dir, env: {} })).toBeNull();
  });

  it('reports none when path.txt names a binary that is not in dist/', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(findElectronBinary({ packageDir: dir, env: {} })).toBeNull();
  });

  it('finds the binary named by path.txt in dist/', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary({ packageDir: dir, env: {} })).toBe(join(dir, 'dist', 'electron'));
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the package does', async () => {
    await writeFile(join(dir, 'electron'), '');
    expect(findElectronBinary({ packageDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: dir } })).toBe(join(dir, 'electron'));
  });

  it('reports none when the electron package is not installed at all', () => {
    expect(findElectronBinary({ packageDir: null, env: {} })).toBeNull();
  });

  it('says what to do instead in one sentence', () => {
    expect(MISSING_ELECTRON_SENTENCE).toBe(
      'The Electron binary is not installed on this machine; run `npm run dev:web` to use Sealmail in a browser.',
    );
  });
});
