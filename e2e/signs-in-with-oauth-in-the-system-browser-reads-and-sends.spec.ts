/**
 * Issue 17's "done when": alice signs in with her provider instead of a password. The app (in one
 * Chromium) hands the sign-in address to "the system browser" (a second Chromium that trusts the
 * test CA through its own NSS database, as a person's browser trusts an authority); there she
 * enters her password on the local authorization server's consent page and presses Allow; the
 * redirect comes back to the app's one-shot listener on 127.0.0.1. The app then reads her inbox
 * and sends to bob over Dovecot and Postfix, both checking the token by introspection, and
 * Connection security says "OAuth 2.0 (Example Test Mail)".
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { readServersInfo } from './servers/mail-servers';
import { testOAuthConfig } from './servers/oauth/test-oauth-config';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { waitForSubject } from './support/imap-check';
import { launchSystemBrowser, type SystemBrowser } from './support/system-browser';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;

let profileDir: string;
let signInLog: string;
let devWeb: DevWeb | undefined;
let systemBrowser: SystemBrowser | undefined;

test.beforeAll(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-e2e-oauth-'));
  signInLog = join(profileDir, 'sign-in.log');
  await writeFile(signInLog, '');
  // The profile's own oauth.json, read as a real one is: the test provider serves example.test.
  await writeFile(join(profileDir, 'oauth.json'), JSON.stringify(testOAuthConfig(servers)));
  devWeb = await startDevWeb({ profileDir, caPaths: [servers.caCertPath], args: ['--sign-in-log', signInLog] });
  systemBrowser = await launchSystemBrowser(servers.caCertPath);
});

test.afterAll(async () => {
  await systemBrowser?.close();
  await devWeb?.stop();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

/** The next address the app handed to the system browser. */
async function nextSignInPage(seen: number): Promise<string> {
  let lines: string[] = [];
  await expect.poll(async () => (lines = (await readFile(signInLog, 'utf8')).split('\n').filter(Boolean)).length, { timeout: 15_000 }).toBeGreaterThan(seen);
  return lines[seen]!;
}

test('alice signs in with her provider in the system browser, reads her inbox and sends to bob', async ({ page }) => {
  await page.goto(devWeb!.url);
  await page.getByLabel('Email address').fill(alice.address);
  await page.getByLabel('Display name').fill('Alice Example');

  // Her domain signs in with a provider: no password field, the provider's button instead.
  const signIn = page.getByRole('button', { name: 'Sign in with Example Test Mail' });
  await expect(signIn).toBeVisible();
  await expect(page.getByLabel('Password')).toHaveCount(0);
  await expect(page.getByText('Sealmail opens Example Test Mail in your browser; your password is never given to Sealmail.')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  await signIn.click();
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for you to sign in with Example Test Mail in your browser…' })).toBeVisible();

  // In her own browser: the provider's page over HTTPS, PKCE S256, the redirect to the app's loopback listener.
  const url = new URL(await nextSignInPage(0));
  expect(url.origin).toBe(new URL(servers.oauth.authorizationEndpoint).origin);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
  const consent = await systemBrowser!.browser.newPage();
  await consent.goto(url.toString());
  await expect(consent.getByRole('heading', { name: 'Sign in to Example Test Mail' })).toBeVisible();
  await consent.getByLabel('Password').fill(alice.password);
  await consent.getByRole('button', { name: 'Allow' }).click();
  await expect(consent.getByText('You can close this window and return to Sealmail.')).toBeVisible();
  await consent.close();

  // Back in the app: her inbox, read with the token.
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(list.getByRole('option', { name: /Welcome to Sealmail/ })).toBeVisible({ timeout: 30_000 });

  // And a message to bob, submitted with the token.
  const subject = `Signed in with OAuth ${Date.now()}`;
  await page.getByRole('button', { name: 'Compose' }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(bob.address);
  await composer.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
  await composer.getByRole('textbox', { name: 'Message', exact: true }).fill('Sent with an OAuth 2.0 token, over TLS only.');
  // No certificate in this profile: sending unsigned and unencrypted is her explicit choice.
  await composer.getByRole('button', { name: 'Sign' }).click();
  await composer.getByRole('button', { name: 'Encrypt' }).click();
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Message sent')).toBeVisible();
  expect(await waitForSubject(servers, bob, subject)).toBe(true);

  // Connection security says how she signs in and when the token was refreshed.
  await page.getByRole('button', { name: 'Connection security' }).click();
  const panel = page.getByRole('dialog', { name: `Connection security of ${alice.address}` });
  const signInRegion = panel.getByRole('region', { name: 'Sign-in' });
  await expect(signInRegion).toContainText('Sign-in: OAuth 2.0 (Example Test Mail)');
  await expect(signInRegion).toContainText('Token last refreshed');
});
