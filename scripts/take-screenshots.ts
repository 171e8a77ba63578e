/**
 * `npx tsx scripts/take-screenshots.ts`: the README's pictures, made the way a person would see
 * the app: test servers, the real core behind the loopback bridge, and Debian's Chromium.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startMailServers } from '../e2e/servers/mail-servers';
import { createCore } from '../electron/core/create-core';
import { MemorySecretStore } from '../electron/core/ports';
import { startBridgeServer } from '../electron/devserver/bridge-server';
import { CHROMIUM } from './system-packages';
import { fillAccountForm } from '../e2e/support/sign-in';

const servers = await startMailServers();
const profileDir = await mkdtemp(join(tmpdir(), 'sealmail-shots-'));
const core = createCore({ profileDir, secrets: new MemorySecretStore(), extraTrustAnchors: [servers.caCertPem] });
const bridge = await startBridgeServer({ core, staticDir: resolve('out/renderer') });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 780 }, colorScheme: 'light' });
  await page.goto(bridge.url);
  await fillAccountForm(page, servers, servers.users.alice);
  await page.screenshot({ path: 'docs/account-setup.png' });
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('option', { name: /Welcome to Sealmail/ }).click();
  await page.getByRole('heading', { name: 'Welcome to Sealmail' }).waitFor();
  await page.screenshot({ path: 'docs/main-window.png' });
  await page.getByRole('button', { name: 'Compose' }).click();
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('bob@example.test');
  await page.getByRole('textbox', { name: 'Subject', exact: true }).fill('Lunch on Friday');
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('Friday at noon works for me.\n\nAlice');
  await page.screenshot({ path: 'docs/composer.png' });
  console.log('wrote docs/account-setup.png, docs/main-window.png, docs/composer.png');
} finally {
  await browser.close();
  await bridge.close();
  await core.close();
  await servers.stop();
  await rm(profileDir, { recursive: true, force: true });
}
