/**
 * Issue 5 item 6 / issue 6 item 3 in the real renderer (Chromium, loopback bridge, real core, real
 * Dovecot): bob signs a message with a certificate from a test PKI, it is appended to alice's
 * INBOX together with a copy whose signed text was changed; alice sees a 'Signed' badge with its
 * details on the first and 'Signature invalid' on the second, both drawn outside the message frame.
 * The test PKI's CA is trusted the way a company CA is: as an extra trust anchor of the core
 * (`--ca`), which vouches for S/MIME signers as the system roots do. Runs its own dev:web with a
 * fresh profile (no keystore: signatures are judged without one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { textEntity, withMessageHeaders } from '../electron/core/smime/mime/compose-entity';
import { signEntity } from '../electron/core/smime/sign-entity';
import { TestPki } from '../electron/core/smime/testing/test-pki';
import { readServersInfo } from './servers/mail-servers';
import { appendMessages } from './support/mailbox';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const signedSubject = `Signed by bob ${run}`;
const tamperedSubject = `Changed after signing ${run}`;

let pki: TestPki;
let devServer: ChildProcess;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(120_000); // openssl key generation and dev:web start on a loaded machine
  pki = new TestPki();
  const ca = pki.createCa('ca');
  const bobId = pki.issue(ca, bob.address, { keyType: 'ec' });
  const clock = { now: () => new Date() };
  const sign = (text: string, subject: string) =>
    withMessageHeaders(signEntity(textEntity(text), { key: bobId.key, certificate: bobId.certificate, chain: [ca.certificate] }, clock), {
      from: bob.address,
      to: [alice.address],
      subject,
      date: new Date(),
    }).toString('latin1');

  const signed = sign('Lunch at noon? Bob', signedSubject);
  // Same signature, different signed text: the body's base64 is swapped for other words of the same length.
  const original = sign('Pay invoice 1000', tamperedSubject);
  const tampered = original.replace(Buffer.from('Pay invoice 1000').toString('base64'), Buffer.from('Pay invoice 9000').toString('base64'));
  expect(tampered).not.toBe(original);
  await appendMessages(servers, alice, [signed, tampered]);

  devServer = spawn(process.execPath, ['--import', 'tsx', 'electron/devserver/main.ts', '--ca', servers.caCertPath, '--ca', ca.certPath, '--profile', join(pki.root, 'profile')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: devServer.stdout! }).on('line', (line) => {
      if (/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line)) resolve(line.trim());
    });
    devServer.once('exit', (code) => reject(new Error(`dev:web exited early with code ${code}`)));
  });
});

test.afterAll(async () => {
  if (devServer && devServer.exitCode === null) {
    const exited = new Promise((resolve) => devServer.once('exit', resolve));
    devServer.kill('SIGTERM');
    await exited;
  }
  pki?.cleanup();
});

test('a message signed by bob shows a valid badge with details, and a modified copy shows it was tampered with', async ({ page }) => {
  await page.goto(url);
  await page.getByLabel('Email address').fill(alice.address);
  await page.getByLabel('Password').fill(alice.password);
  await page.getByLabel('IMAP server').fill(servers.host);
  await page.getByLabel('IMAP port').fill(String(servers.imapPort));
  await page.getByLabel('SMTP server').fill(servers.host);
  await page.getByLabel('SMTP port').fill(String(servers.smtpPort));
  await page.getByRole('button', { name: 'Add account' }).click();

  const list = page.getByRole('listbox', { name: 'Messages' });
  const reader = page.getByRole('region', { name: 'Message' });

  await list.getByRole('option', { name: new RegExp(signedSubject) }).click();
  await expect(reader.getByRole('heading', { name: signedSubject })).toBeVisible();
  const badge = reader.getByRole('button', { name: /^Signed/ });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAccessibleName(new RegExp(`^Signed: address verified · bob <${bob.address}>`));
  // Drawn by the app in the header, not inside the message's frame.
  expect(await badge.evaluate((element) => element.closest('iframe') === null && element.closest('header') !== null)).toBe(true);
  await expect(reader.locator('pre.message-text')).toHaveText(/Lunch at noon\? Bob/);
  await badge.click();
  const details = reader.getByRole('region', { name: 'Signature details' });
  await expect(details).toContainText(`bob <${bob.address}>`);
  await expect(details).toContainText('Sealmail Test CA');
  await expect(details).toContainText('SHA-256');

  await list.getByRole('option', { name: new RegExp(tamperedSubject) }).click();
  await expect(reader.getByRole('heading', { name: tamperedSubject })).toBeVisible();
  const invalid = reader.getByRole('button', { name: /^Signature invalid/ });
  await expect(invalid).toBeVisible();
  await expect(reader.getByRole('button', { name: /^Signed/ })).toHaveCount(0);
  await invalid.click();
  await expect(reader.getByRole('region', { name: 'Signature details' })).toContainText('Why it is not valid');
});
