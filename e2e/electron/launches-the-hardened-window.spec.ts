/**
 * Launches the real Electron app where its binary exists (`npm test` runs this project only then,
 * and says 'skipped: no Electron binary' elsewhere): the window opens on app://, the contract is
 * on window.sealmail, and Node is not reachable from the page.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electron-binary';

test('the app window opens hardened, with the contract and without Node', async () => {
  const profile = await mkdtemp(join(tmpdir(), 'sealmail-electron-'));
  const app = await electron.launch({
    executablePath: findElectronBinary() ?? 'electron',
    args: ['.', `--user-data-dir=${profile}`],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('button', { name: 'Add account' })).toBeVisible();
    expect(window.url()).toMatch(/^app:\/\/sealmail\//);
    const exposed = await window.evaluate(() => ({
      calls: Object.keys((window as unknown as { sealmail: object }).sealmail).sort(),
      hasRequire: typeof (window as unknown as { require?: unknown }).require,
      hasProcess: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(exposed.calls).toContain('listAccounts');
    expect(exposed.hasRequire).toBe('undefined');
    expect(exposed.hasProcess).toBe('undefined');
  } finally {
    await app.close();
    await rm(profile, { recursive: true, force: true });
  }
});
