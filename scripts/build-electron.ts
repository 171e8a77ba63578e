/**
 * Bundles the Electron side: the main process (ESM, as package.json's "type" asks) and the
 * preload (one CommonJS file, because a sandboxed preload can require nothing but 'electron').
 *
 *   npx tsx scripts/build-electron.ts        -> out/electron/app/main.js (and store-writer-worker.js, the first
 *                                               sync's writer thread, beside it), out/electron/preload/preload.cjs
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Electron 45 runs Node 22 and Chromium 140. */
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

/**
 * Pure-JS packages on the way to the first page, bundled into the main process's own chunks: a
 * start then reads and compiles one file where zod alone would be about ninety.
 */
const BUNDLED_PACKAGES = new Set(['zod']);

/**
 * Every other npm package stays external, as `packages: 'external'` would leave it. zod's forty
 * translations of its messages are left out (its `locales` namespace, which Sealmail never reads:
 * its messages are its own, and zod's English ones come from en.js, imported apart): 700 kB less
 * to compile at every start.
 */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(plugins) {
    plugins.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.has(packageName(args.path)) || isBuiltin(args.path) ? undefined : { path: args.path, external: true }));
    plugins.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}zod${sep}`) ? { path: resolve(args.resolveDir, '../locales/en.js') } : undefined,
    );
  },
};

/**
 * How the main process's code is bundled, for the app and for the start benchmark alike. Split
 * into chunks, so that what the core imports on first use (create-core.ts) is read and compiled
 * only then, with the npm packages it needs.
 */
export function mainProcessBuild(entryPoints: Record<string, string>, outdir: string): BuildOptions & { metafile: true } {
  return {
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    plugins: [externalPackages],
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  };
}

/**
 * Bundles the main process to `<outDir>/app/main.js`, and the store's writer thread to
 * `<outDir>/app/store-writer-worker.js` beside it, where main.js looks for it (worker-batch-writer.ts).
 * Every npm package stays external: they ship in node_modules (electron-builder copies production
 * dependencies), native ones must be rebuilt for Electron anyway, and jsdom reads its own files at run time.
 */
export async function buildMain(outDir: string): Promise<void> {
  const result = await build(mainProcessBuild({ main: 'electron/app/main.ts', 'store-writer-worker': 'electron/core/store/store-writer-worker.ts' }, resolve(outDir, 'app')));
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
