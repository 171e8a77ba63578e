/**
 * `start`: builds the renderer and the Electron bundles, then launches Electron on them, when the
 * Electron binary exists. Where it does not (these build machines), says so in one sentence and
 * exits 0: the builds above still ran, and npm would bury the sentence under its own error text.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './build-electron';
import { findElectronBinary, MISSING_ELECTRON_SENTENCE } from './electron-binary';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function buildRenderer(): void {
  const result = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main(): Promise<void> {
  buildRenderer();
  await buildElectron();
  const electron = findElectronBinary();
  if (electron === null) {
    console.log(MISSING_ELECTRON_SENTENCE);
    return;
  }
  // ELECTRON_RUN_AS_NODE in the environment would turn Electron into plain Node.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  const child = spawn(electron, ['.'], { cwd: ROOT, stdio: 'inherit', env });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
