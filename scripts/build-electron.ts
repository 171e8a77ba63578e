/**
 * Bundles the Electron side: the main process (ESM, as package.json's "type" asks) and the
 * preload (one CommonJS file, because a sandboxed preload can require nothing but 'electron').
 *
 *   npx tsx scripts/build-electron.ts        -> out/electron/app/main.js (and store-writer-worker.js, the first
 *                                               sync's writer thread, beside it), out/electron/preload/preload.cjs
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Electron 45 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

/**
 * Bundles the main process to `<outDir>/app/main.js`, and the store's writer thread to
 * `<outDir>/app/store-writer-worker.js` beside it, where main.js looks for it (worker-batch-writer.ts).
 * Every npm package stays external: they ship in node_modules (electron-builder copies production
 * dependencies), native ones must be rebuilt for Electron anyway, and jsdom reads its own files at run time.
 */
export async function buildMain(outDir: string): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'electron/app/main.ts', 'store-writer-worker': 'electron/core/store/store-writer-worker.ts' },
    outdir: resolve(outDir, 'app'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  // An import of a devDependency works here and fails in the packaged app, which ships only
  // production dependencies: catch it at build time.
  const dependencies = productionDependencies();
  const missing = externalImports(result.metafile).filter(
    (path) => path !== 'electron' && !isBuiltin(path) && !dependencies.has(packageName(path)),
  );
  if (missing.length > 0) {
    throw new Error(`The main process imports packages that are not production dependencies: ${[...new Set(missing)].join(', ')}`);
  }
}

/**
 * Bundles the preload to `<outDir>/preload/preload.cjs` and checks that the result requires
 * nothing but 'electron'. Built for the browser platform, so a Node built-in slipping into the
 * preload's imports fails the build here instead of the window at run time.
 */
export async function buildPreload(outDir: string): Promise<void> {
  const outfile = resolve(outDir, 'preload', 'preload.cjs');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/preload/preload.ts'],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: CHROME_TARGET,
    external: ['electron'],
    metafile: true,
    logLevel: 'warning',
  });
  const foreign = externalImports(result.metafile).filter((path) => path !== 'electron');
  if (foreign.length > 0) {
    throw new Error(`The preload must require only 'electron', but its bundle requires: ${foreign.join(', ')}`);
  }
}

/** Bundles both; the default output folder is the one package.json's "main" points into. */
export async function buildElectron(outDir = resolve(ROOT, 'out', 'electron')): Promise<void> {
  await Promise.all([buildMain(outDir), buildPreload(outDir)]);
}

function productionDependencies(): Set<string> {
  const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}

/** 'nodemailer/lib/x' -> 'nodemailer', '@scope/pkg/x' -> '@scope/pkg'. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function externalImports(metafile: Metafile): string[] {
  return Object.values(metafile.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildElectron().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
