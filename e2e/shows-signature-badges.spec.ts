/**
 * Issue 5 item 6 / issue 6 item 3 in the real renderer (Chromium, loopback bridge, real core, real
 * Dovecot): bob signs a message with a certificate from a test PKI, it is appended to alice's
 * INBOX together with a copy whose signed text was changed; alice sees a 'Signed' badge with its
 * details on the first and 'Signature invalid' on the second, both drawn outside the message frame.
 * The test PKI's CA is trusted the way a company CA is: as an extra trust anchor of the core
 * (`--ca`), which vouches for S/MIME signers as the system roots do. Runs its own dev:web with a
 * fresh profile (no keystore: signatures are judged without one). Then alice imports her own
 * certificate, reopens bob's message (which collects his certificate) and sends him a message with
 * Sign and Encrypt on as they are by default: what arrives is encrypted and signed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { textEntity, withMessageHeaders } from '../electron/core/smime/mime/compose-entity';
import { signEntity } from '../electron/core/smime/sign-entity';
import { openssl, TestPki, type TestCa, type TestIdentity } from '../electron/core/smime/testing/test-pki';
import { readServersInfo } from './servers/mail-servers';
import { importCertificateThroughManager } from './support/certificates';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { openAsAlice } from './support/sign-in';
import { appendMessages, encryptedSourceAfter, newestUid } from './support/mailbox';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const signedSubject = `Signed by bob ${run}`;
const tamperedSubject = `Changed after signing ${run}`;

let pki: TestPki;
let ca: TestCa;
let bobId: TestIdentity;
let p12Path: string;
let devWeb: DevWeb | undefined;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(120_000); // openssl key generation and dev:web start on a loaded machine
  pki = new TestPki();
  ca = pki.createCa('ca');
  bobId = pki.issue(ca, bob.address, { keyType: 'ec' });
  const aliceId = pki.issue(ca, alice.address, { keyType: 'rsa' });
  p12Path = join(pki.root, 'alice.p12');
  writeFileSync(p12Path, pki.pkcs12(aliceId, ca, 'p12 secret'));
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

  devWeb = await startDevWeb({ profileDir: join(pki.root, 'profile'), caPaths: [servers.caCertPath, ca.certPath] });
  url = devWeb.url;
});

test.describe.configure({ mode: 'serial' });

test.afterAll(async () => {
  await devWeb?.stop();
  pki?.cleanup();
});

test('a message signed by bob shows a valid badge with details, and a modified copy shows it was tampered with', async ({ page }) => {
  await openAsAlice(page, servers, url);

  const list = page.getByRole('listbox', { name: 'Messages' });
  const reader = page.getByRole('region', { name: 'Message' });

  await list.getByRole('option', { name: new RegExp(signedSubject) }).click();
  await expect(reader.getByRole('heading', { name: signedSubject })).toBeVisible();
  const badge = reader.getByRole('button', { name: /^Signed/ });
  await expect(badge).toBeVisible();
  // bob's certificate names him only by his address's local part, so the badge shows the address alone.
  await expect(badge).toHaveAccessibleName(new RegExp(`^Signed: address verified · ${bob.address.replace(/\./g, '\\.')}`));
  // Drawn by the app in the header, not inside the message's frame.
  expect(await badge.evaluate((element) => element.closest('iframe') === null && element.closest('header') !== null)).toBe(true);
  await expect(reader.locator('pre.message-text')).toHaveText(/Lunch at noon\? Bob/);
  await badge.click();
  const details = reader.getByRole('region', { name: 'Signature details' });
  await expect(details.getByText(bob.address, { exact: true })).toBeVisible();
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

test('with her certificate imported, alice sends bob a message signed and encrypted by default', async ({ page }) => {
  await page.goto(url);
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(list).toBeVisible();

  await importCertificateThroughManager(page, p12Path, alice.address);

  // Reading bob's validly signed message now stores his certificate in alice's keystore.
  const reader = page.getByRole('region', { name: 'Message' });
  await list.getByRole('option', { name: new RegExp(signedSubject) }).click();
  await expect(reader.getByRole('button', { name: /^Signed/ })).toBeVisible();

  const subject = `Protected by default ${run}`;
  await page.getByRole('button', { name: 'Compose' }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(bob.address);
  await composer.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
  await composer.getByRole('textbox', { name: 'Message', exact: true }).fill('Only bob can read this.');
  await expect(composer.getByRole('button', { name: 'Sign' })).toHaveAttribute('aria-pressed', 'true');
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');
  const before = await newestUid(servers, bob);
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Message sent')).toBeVisible();

  // Its subject travels encrypted too (RFC 9788): it is found as the encrypted mail that arrived since.
  const arrived = await encryptedSourceAfter(servers, bob, before);
  expect(arrived).not.toBeNull();
  expect(arrived).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
  expect(arrived).not.toContain('Only bob can read this');
  expect(arrived).not.toContain(subject);
  const file = join(pki.root, 'arrived.eml');
  writeFileSync(file, arrived!);
  const inner = join(pki.root, 'arrived-inner.eml');
  writeFileSync(inner, openssl(['cms', '-decrypt', '-in', file, '-recip', bobId.certPath, '-inkey', bobId.keyPath]));
  const signedContent = openssl(['cms', '-verify', '-in', inner, '-CAfile', ca.certPath]).toString('utf8');
  expect(signedContent).toContain('Only bob can read this.');
  expect(signedContent).toContain(`Subject: ${subject}`);
});
