import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * "In every window": the window-options test checks the hardened options, and this one checks
 * that they are the only road to a window. No source file outside main-window.ts constructs a
 * window or a view, and none but window-options.ts writes webPreferences.
 */
const ELECTRON_DIR = fileURLToPath(new URL('..', import.meta.url));

async function shippedSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.split(/[\\/]/).includes('testing'));
}

describe('window creation', () => {
  it('happens only in main-window.ts, from createMainWindowOptions; no views, no other webPreferences', async () => {
    const constructing: string[] = [];
    const preferring: string[] = [];
    for (const file of await shippedSources(ELECTRON_DIR)) {
      const name = relative(ELECTRON_DIR, file).split('\\').join('/');
      const code = await readFile(file, 'utf8');
      if (/new\s+(BrowserWindow|BrowserView|WebContentsView|WindowClass)\b/.test(code)) constructing.push(name);
      if (/webPreferences\s*:/.test(code)) preferring.push(name);
      if (name === 'app/main-window.ts') expect(code).toMatch(/new WindowClass\(createMainWindowOptions\(/);
    }
    expect(constructing).toEqual(['app/main-window.ts']);
    expect(preferring).toEqual(['app/window-options.ts']);
  });
});
