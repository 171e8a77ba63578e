/**
 * The person's own browser, for the sign-in specs: a second Chromium, apart from the one showing
 * the app (OAuth for native apps never signs in inside the app, RFC 8252). It trusts the mail
 * servers' test CA the way a person's browser trusts an authority, through its own NSS database
 * (made with NSS's certutil, from libnss3-tools); certificate checks stay on.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM } from '../../scripts/system-packages';

export interface SystemBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchSystemBrowser(trustedCaPath: string): Promise<SystemBrowser> {
  const home = await mkdtemp(join(tmpdir(), 'sealmail-browser-home-'));
  const nssdb = join(home, '.pki', 'nssdb');
  await mkdir(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'Sealmail test CA', '-i', trustedCaPath]);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, HOME: home },
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
