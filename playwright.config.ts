/**
 * End-to-end tests: the real renderer in Debian's Chromium, through the loopback bridge, against the
 * real core and the real Dovecot and Postfix. `npx playwright install` cannot work here, so the
 * system browser is used.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM } from './scripts/system-packages';

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.tmp/playwright-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/support/global-setup.ts',
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      // Root needs --no-sandbox; the rest keeps Chromium from calling out of this closed network.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', testMatch: /e2e\/[^/]+\.spec\.ts$/ },
    { name: 'electron', testMatch: /e2e\/electron\/.+\.spec\.ts$/ },
  ],
});
