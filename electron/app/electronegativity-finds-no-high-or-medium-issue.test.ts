import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildMain, buildPreload } from '../../scripts/build-electron';
import { installedElectronVersion, scanWithElectronegativity, type Finding, type ScanResult } from './testing/electronegativity';

/**
 * Electronegativity over what Sealmail writes and what it ships: the electron/ sources (tests and
 * test helpers left out: they hold hostile samples on purpose), the freshly built main and preload
 * bundles, the renderer's page and package.json. Any HIGH or MEDIUM finding fails, unless
 * build/electronegativity-accepted.json lists it with a reason.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ACCEPTED_FILE = join(ROOT, 'build', 'electronegativity-accepted.json');

interface Accepted {
  id: string;
  file: string;
  reason: string;
}

const isSerious = (finding: Finding) => finding.severity === 'HIGH' || finding.severity === 'MEDIUM';
const matches = (entry: Accepted, finding: Finding) => entry.id === finding.id && entry.file === finding.file;
const describeFinding = (f: Finding) => `${f.severity} ${f.id} at ${f.file}:${f.line} ${f.description} ${f.sample}`.trim();

async function readAccepted(): Promise<Accepted[]> {
  const parsed = JSON.parse(await readFile(ACCEPTED_FILE, 'utf8')) as { accepted?: Accepted[] };
  return parsed.accepted ?? [];
}

/** The serious findings no accepted entry covers. */
function unaccepted(result: ScanResult, accepted: Accepted[]): Finding[] {
  return result.findings.filter(isSerious).filter((finding) => !accepted.some((entry) => matches(entry, finding)));
}

let work: string;
let projectScan: ScanResult;
let accepted: Accepted[];

beforeAll(async () => {
  // The scanner prints its fallback to bundled translations; keep the test output readable.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  work = await mkdtemp(join(tmpdir(), 'sealmail-electronegativity-'));
  const staged = join(work, 'project');
  const isShippedSource = (path: string) =>
    !path.endsWith('.test.ts') && !path.includes(`${sep}testing${sep}`) && !path.endsWith(`${sep}testing`);
  await cp(join(ROOT, 'electron'), join(staged, 'source', 'electron'), { recursive: true, filter: isShippedSource });
  await Promise.all([buildMain(join(staged, 'bundle')), buildPreload(join(staged, 'bundle'))]);
  await rm(join(staged, 'bundle', 'app', 'main.js.map'), { force: true });
  await mkdir(join(staged, 'renderer'));
  await cp(join(ROOT, 'renderer', 'index.html'), join(staged, 'renderer', 'index.html'));
  await cp(join(ROOT, 'package.json'), join(staged, 'package.json'));
  accepted = await readAccepted();
  projectScan = await scanWithElectronegativity(staged, installedElectronVersion());
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await rm(work, { recursive: true, force: true });
});

describe('Electronegativity over Sealmail', () => {
  it('reports no HIGH or MEDIUM finding that is not accepted with a reason', () => {
    expect(unaccepted(projectScan, accepted).map(describeFinding)).toEqual([]);
  });

  it('could parse, and so check, every file it was given', () => {
    expect(projectScan.unparsed).toEqual([]);
  });

  it('saw the app: the shipped bundle and the guards are among what it read', () => {
    // Its global checks pass only when they find will-navigate and setPermissionRequestHandler.
    const ids = projectScan.findings.map((finding) => finding.id);
    expect(ids).not.toContain('LIMIT_NAVIGATION_GLOBAL_CHECK');
    expect(ids).not.toContain('PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK');
    expect(projectScan.findings.some((finding) => finding.file.startsWith('bundle/'))).toBe(true);
  });

  it('every accepted entry has a reason and still matches a finding (no stale exceptions)', () => {
    expect(accepted.length).toBeGreaterThan(0);
    for (const entry of accepted) {
      expect(entry.reason.trim().length, `${entry.id} ${entry.file}`).toBeGreaterThan(20);
      expect(projectScan.findings.some((finding) => matches(entry, finding)), `${entry.id} ${entry.file}`).toBe(true);
    }
  });
});

describe('the check itself', () => {
  it('catches a window without isolation or sandbox and a navigation left open, in TypeScript', async () => {
    const bad = join(work, 'bad-sample');
    await mkdir(bad);
    await writeFile(
      join(bad, 'main.ts'),
      [
        "import { app, BrowserWindow } from 'electron';",
        'app.whenReady().then(() => {',
        '  const win = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, webSecurity: false } });',
        "  void win.loadURL('http://example.com/');",
        '});',
      ].join('\n'),
    );
    const scan = await scanWithElectronegativity(bad, installedElectronVersion());
    const found = unaccepted(scan, accepted).map((finding) => finding.id);
    expect(found).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']),
    );
    expect(scan.findings.find((finding) => finding.id === 'CONTEXT_ISOLATION_JS_CHECK')?.severity).toBe('HIGH');
  });
});
