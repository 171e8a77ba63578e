/**
 * Issue 4 as a person does it: in the real renderer (Chromium, loopback bridge, real core) alice
 * opens Certificates, creates her keystore passphrase (dev:web has no OS keychain), imports the
 * .p12 that `openssl pkcs12 -export -legacy` made, is told about a wrong password first, and then
 * sees her certificate with its validation level. Runs its own dev:web with a fresh profile so the
 * other browser tests keep theirs untouched.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeTestPki, type TestPki } from '../electron/core/keystore/testing/make-certificates';
import { readServersInfo } from './servers/mail-servers';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { openAsAlice } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice } = servers.users;

let pki: TestPki;
let devWeb: DevWeb | undefined;
let url: string;
let p12Path: string;

test.beforeAll(async () => {
  pki = makeTestPki();
  const person = pki.person({ name: 'alice', email: alice.address, subject: '/CN=Alice Example' });
  p12Path = join(pki.dir, 'alice.p12');
  writeFileSync(p12Path, pki.p12('alice-export', person, { password: 'p12 secret', chain: true, args: ['-legacy'] }));

  devWeb = await startDevWeb({ profileDir: join(pki.dir, 'profile'), caPaths: [servers.caCertPath] });
  url = devWeb.url;
});

test.afterAll(async () => {
  await devWeb?.stop();
  pki?.cleanup();
});

test('alice imports her .p12 through the certificate manager and sees its validation level', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await openAsAlice(page, servers, url);

  await page.getByRole('button', { name: 'Certificates' }).click();
  const manager = page.getByRole('dialog', { name: 'Certificates' });

  // dev:web has no OS keychain: the keystore is created under a passphrase.
  await manager.getByLabel('Keystore passphrase').fill('a long passphrase');
  await manager.getByLabel('Repeat the passphrase').fill('a long passphrase');
  await manager.getByRole('button', { name: 'Create keystore' }).click();

  await manager.getByLabel('Certificate file (.p12, .pfx)').setInputFiles(p12Path);
  await manager.getByLabel('File password').fill('not the password');
  await manager.getByRole('button', { name: 'Import' }).click();
  await expect(manager.getByRole('alert')).toHaveText('wrong password for alice.p12');

  await manager.getByLabel('File password').fill('p12 secret');
  await manager.getByRole('button', { name: 'Import' }).click();
  await expect(manager.getByRole('status')).toContainText('Imported alice@example.test: Identity verified.');
  const list = manager.getByRole('list', { name: 'Your certificates' });
  await expect(list.getByText('Identity verified', { exact: true })).toBeVisible();
  await expect(list.getByText('alice@example.test', { exact: true })).toBeVisible();

  await list.getByRole('button', { name: 'Details' }).click();
  await expect(list.getByText('Sealmail Test Mail CA', { exact: false }).first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
