/**
 * `npx tsx scripts/take-screenshots.ts`: the README's pictures, made the way a person would see
 * the app: test servers, the real core behind the loopback bridge, and Debian's Chromium.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createTransport } from 'nodemailer';
import { DNS_WORLD_DOMAINS, startDnsWorld } from '../e2e/servers/dns/dns-world';
import { startMailServers } from '../e2e/servers/mail-servers';
import { waitForSubject } from '../e2e/support/imap-check';
import { createCore } from '../electron/core/create-core';
import { MemorySecretStore } from '../electron/core/ports';
import { startBridgeServer } from '../electron/devserver/bridge-server';
import { CHROMIUM } from './system-packages';
import { fillAccountForm } from '../e2e/support/sign-in';

const servers = await startMailServers();
// Recipient lookups go to the loopback DNS world, never to the system's resolver.
const dns = await startDnsWorld();
const profileDir = await mkdtemp(join(tmpdir(), 'sealmail-shots-'));
// A made-up Google client ID, only so that setup offers "Sign in with Google"; nothing is signed in.
await writeFile(join(profileDir, 'oauth.json'), JSON.stringify({ clients: { google: { clientId: 'screenshot.apps.googleusercontent.com' } } }));
const core = createCore({
  profileDir,
  secrets: new MemorySecretStore(),
  extraTrustAnchors: [servers.caCertPem, dns.caCertPem],
  transportPolicy: { resolvers: [dns.resolver], httpsPort: dns.policyHttps.port },
});
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

  // The composer's Delivery line, opened, for recipients at domains with and without a policy.
  const D = DNS_WORLD_DOMAINS;
  await page.getByRole('button', { name: 'Remove bob@example.test' }).click();
  await page.getByRole('textbox', { name: 'To', exact: true }).fill(`bob@${D.dane}, carol@${D.sts}, dan@${D.none},`);
  const line = page.locator('.recipient-domains');
  await line.locator('.recipient-domain').first().waitFor({ state: 'attached' });
  await line.locator('summary').click();
  await line.locator('.recipient-domain', { hasText: D.none }).waitFor();
  await page.screenshot({ path: 'docs/composer-delivery.png' });
  await page.getByRole('button', { name: 'Discard' }).click();

  // A message bob sent through Postfix, with its Delivery details open.
  const subject = 'Minutes of the board meeting';
  const transport = createTransport({ host: servers.host, port: servers.smtpPort, secure: true, tls: { ca: [servers.caCertPem] }, auth: { user: servers.users.bob.address, pass: servers.users.bob.password } });
  await transport.sendMail({ from: servers.users.bob.address, to: servers.users.alice.address, subject, text: 'The minutes are below.\n\nBob' });
  await waitForSubject(servers, servers.users.alice, subject);
  await page.getByRole('option', { name: new RegExp(subject) }).click({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Delivery:/ }).click();
  await page.getByRole('region', { name: 'Delivery details' }).waitFor();
  await page.screenshot({ path: 'docs/delivery.png' });

  // Setup for a Gmail address: "Sign in with Google" where the password field was.
  await page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: 'Add account' }).click();
  await page.getByLabel('Email address').fill('sam@gmail.com');
  await page.getByLabel('Display name').fill('Sam Example');
  await page.getByRole('button', { name: 'Sign in with Google' }).waitFor();
  await page.screenshot({ path: 'docs/oauth-sign-in.png' });
  console.log('wrote docs/account-setup.png, docs/main-window.png, docs/composer.png, docs/composer-delivery.png, docs/delivery.png, docs/oauth-sign-in.png');
} finally {
  await browser.close();
  await bridge.close();
  await core.close();
  await servers.stop();
  await dns.stop();
  await rm(profileDir, { recursive: true, force: true });
}
