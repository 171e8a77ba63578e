/**
 * Runs Electronegativity (Doyensec's static checker for Electron apps) inside a test, offline.
 *
 * Its runner fetches translations from S3, and one global check fetches Electron's release list
 * from GitHub; a test may reach nothing but 127.0.0.1. So its HTTP client (`got`) is replaced by
 * one that fails at once — translations fall back to the English ones shipped in the package — and
 * the release-list check is left out (a current Electron is enforced by
 * uses-a-current-pinned-electron.test.ts instead).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export type Severity = 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

export interface Finding {
  /** The check, e.g. CONTEXT_ISOLATION_JS_CHECK. */
  id: string;
  /** Relative to the scanned folder, with forward slashes; 'N/A' for whole-app checks. */
  file: string;
  line: number;
  sample: string;
  description: string;
  severity: Severity;
  confidence: string;
}

export interface ScanResult {
  findings: Finding[];
  /** Files the scanner could not parse, and so did not check. */
  unparsed: Array<{ file: string; message: string }>;
}

/** The check that needs the network; see the header. */
const ONLINE_ONLY_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface RawIssue {
  id: string;
  file: string;
  location?: { line?: number };
  sample?: string;
  description?: string;
  severity: { name: Severity };
  confidence: { name: string };
}

interface RawResult {
  issues: RawIssue[];
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
}

type Runner = (options: Record<string, unknown>) => Promise<RawResult>;

const require = createRequire(import.meta.url);

/** The Electron version installed with the project (read from its package.json, never its binary). */
export function installedElectronVersion(): string {
  return (require('electron/package.json') as { version: string }).version;
}

/**
 * Scans `input` (a folder of .js/.ts/.html/.json files) with every Electronegativity check that
 * works offline, assuming `electronVersion` for the defaults it reasons about.
 */
export async function scanWithElectronegativity(input: string, electronVersion: string): Promise<ScanResult> {
  const run = loadOfflineRunner();
  const result = await run({
    input,
    isRelative: true,
    excludeFromScan: ONLINE_ONLY_CHECKS,
    electronVersionOverride: electronVersion,
  });
  return {
    findings: result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file.split('\\').join('/'),
      line: issue.location?.line ?? 0,
      sample: issue.sample ?? '',
      description: issue.description ?? '',
      severity: issue.severity.name,
      confidence: issue.confidence.name,
    })),
    unparsed: result.errors.filter((error) => !error.tolerable).map(({ file, message }) => ({ file, message })),
  };
}

let runner: Runner | null = null;

function loadOfflineRunner(): Runner {
  runner ??= requireOfflineRunner();
  return runner;
}

function requireOfflineRunner(): Runner {
  const runnerPath = require.resolve('@doyensec/electronegativity');
  if (require.cache[runnerPath]) {
    // Loaded earlier in this process, it may hold the real HTTP client already.
    throw new Error('Electronegativity was loaded before its network access could be cut off.');
  }
  const packageRequire = createRequire(runnerPath);
  const gotPath = packageRequire.resolve('got');
  const offline = Object.assign(() => Promise.reject(new Error('offline: tests reach only 127.0.0.1')), {
    head: () => Promise.reject(new Error('offline: tests reach only 127.0.0.1')),
  });
  require.cache[gotPath] = { id: gotPath, filename: gotPath, path: dirname(gotPath), loaded: true, exports: offline } as NodeJS.Module;
  const loaded = require(runnerPath) as Runner | { default: Runner };
  return typeof loaded === 'function' ? loaded : loaded.default;
}
