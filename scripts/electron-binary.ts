/**
 * Where the Electron binary is, if it was ever installed. Reads the electron package's own record
 * (path.txt, or ELECTRON_OVERRIDE_DIST_PATH) instead of requiring the package, whose entry point
 * would try to download the binary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MISSING_ELECTRON_SENTENCE =
  'The Electron binary is not installed on this machine; run `npm run dev:web` to use Sealmail in a browser.';

interface Lookup {
  /** The electron package's folder; null when the package is not installed. */
  packageDir?: string | null;
  env?: NodeJS.ProcessEnv;
}

export function findElectronBinary({ packageDir = electronPackageDir(), env = process.env }: Lookup = {}): string | null {
  if (packageDir === null) return null;
  const pathFile = join(packageDir, 'path.txt');
  const overrideDir = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDir) {
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
    const binary = join(overrideDir, name);
    return existsSync(binary) ? binary : null;
  }
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
