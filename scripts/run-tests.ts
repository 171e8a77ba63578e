/**
 * `npm test`: every check the project has, in order, ending with one line `N passed, N failed`.
 * First it makes sure the system packages of scripts/system-packages.ts are installed.
 * Type checks, lint and the renderer build count as one check each; vitest and Playwright
 * contribute their test counts. The test mail servers are started and stopped by each suite's own
 * global setup, so a suite can also be run alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemPackages } from '../e2e/servers/ensure-packages';
import { findElectronBinary } from './electron-binary';

interface Tally {
  passed: number;
  failed: number;
}

// Before anything runs: every system package the suites drive is there (installed when root), or the
// run stops here with the one apt command to type, rather than failing spec by spec later.
try {
  await ensureSystemPackages(undefined, (line) => console.log(line));
} catch (error) {
  console.error((error as Error).message);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const tally: Tally = { passed: 0, failed: 0 };
const work = '.tmp/test-run';
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function check(name: string, command: string, args: string[]): void {
  const ok = run(command, args) === 0;
  tally[ok ? 'passed' : 'failed'] += 1;
  if (!ok) console.log(`FAILED: ${name}`);
}

function counted(name: string, status: number, counts: Tally | null): void {
  if (!counts) {
    // No report at all means the runner itself broke: that is a failure, never a silent pass.
    tally.failed += 1;
    console.log(`FAILED: ${name} produced no report (exit ${status})`);
    return;
  }
  tally.passed += counts.passed;
  tally.failed += counts.failed;
  if (status !== 0 && counts.failed === 0) {
    tally.failed += 1;
    console.log(`FAILED: ${name} exited with ${status}`);
  }
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

check('type check (main, core, tests)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('type check (renderer)', 'npx', ['tsc', '-p', 'tsconfig.renderer.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.']);
check('renderer build', 'npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
check('electron bundles', 'npm', ['run', '--silent', 'build:electron']);

const vitestReport = join(work, 'vitest.json');
const vitestStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const vitest = readJson(vitestReport);
counted('vitest', vitestStatus, vitest ? { passed: Number(vitest.numPassedTests), failed: Number(vitest.numFailedTests) + Number(vitest.numRuntimeErrorTestSuites ?? 0) } : null);

const projects = ['--project=chromium'];
if (findElectronBinary() !== null) projects.push('--project=electron');
else console.log('\nElectron launch test: skipped: no Electron binary (it cannot be downloaded on this machine).');
const playwrightReport = join(work, 'playwright.json');
const playwrightStatus = run('npx', ['playwright', 'test', ...projects, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
const playwright = readJson(playwrightReport)?.stats as Record<string, number> | undefined;
counted('playwright', playwrightStatus, playwright ? { passed: playwright.expected ?? 0, failed: (playwright.unexpected ?? 0) + (playwright.flaky ?? 0) } : null);

console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
process.exitCode = tally.failed === 0 ? 0 : 1;
