/**
 * Issue 16's "Done when" in the real renderer (Chromium, loopback bridge, real core): alice writes
 * to a recipient she never had mail from, so Sealmail knows no certificate of theirs. With her
 * account's directory set in Connection security, bob's certificate is found in the test directory
 * (slapd over LDAPS); carol@dane.test's is found as SMIMEA on the loopback DNS world. The chip says
 * where each came from, axe finds nothing serious in the composer, and Send encrypts: OpenSSL
 * decrypts the Sent copy (and, for bob, what arrived in his INBOX) with the recipient's own key.
 * Each test runs a dev:web of its own with a fresh profile, so neither relies on the other.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { TestPki } from '../electron/core/smime/testing/test-pki';
import { readServersInfo } from './servers/mail-servers';
import { importCertificateThroughManager } from './support/certificates';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { encryptedSourceAfter, newestUid } from './support/mailbox';
import { openAsAlice } from './support/sign-in';
import { readTestDirectory } from './support/test-directory';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice } = servers.users;
const directory = readTestDirectory();
const carol = (JSON.parse(process.env.SEALMAIL_TEST_DNS!) as { smimea: { carol: { address: string; certPath: string; keyPath: string } } }).smimea.carol;
const run = Date.now().toString(36);

let pki: TestPki;
let caPath: string;
let devWeb: DevWeb | undefined;

test.beforeAll(() => {
  test.setTimeout(120_000); // openssl key generation on a loaded machine
  pki = new TestPki();
  const ca = pki.createCa('ca');
  caPath = ca.certPath;
  const aliceId = pki.issue(ca, alice.address, { keyType: 'rsa' });
  writeFileSync(join(pki.root, 'alice.p12'), pki.pkcs12(aliceId, ca, 'p12 secret'));
});

test.beforeEach(async ({}, testInfo) => {
  devWeb = await startDevWeb({ profileDir: join(pki.root, `profile-${testInfo.testId}`), caPaths: [servers.caCertPath, caPath] });
});

test.afterEach(async () => {
  await devWeb?.stop();
  devWeb = undefined;
});

test.afterAll(() => pki?.cleanup());

/** alice's account, set up through the form, with her certificate imported through the manager. */
async function openWithHerCertificate(page: Page): Promise<void> {
  await openAsAlice(page, servers, devWeb!.url);
  await importCertificateThroughManager(page, join(pki.root, 'alice.p12'), alice.address);
}

/** Serious or critical accessibility findings. */
async function seriousFindings(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude('iframe.message-html').options({ iframes: false }).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Writes to `to` with Sign and Encrypt as by default, checks the chip's source, and sends. */
async function writeAndSend(page: Page, to: string, subject: string, text: string, source: { tag: string; words: string }): Promise<void> {
  await page.getByRole('button', { name: 'Compose' }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(`${to},`);
  const chip: Locator = composer.getByRole('list', { name: 'To recipients' }).getByRole('listitem').filter({ hasText: to });
  // The lookup starts once the chips settle; the chip then says the certificate is known, and from where.
  await expect(chip).toContainText(`, certificate known, ${source.words}`);
  await expect(chip.locator('.chip-cert')).toHaveText(source.tag);
  await composer.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
  await composer.getByRole('textbox', { name: 'Message', exact: true }).fill(text);
  await expect(composer.getByRole('button', { name: 'Sign' })).toHaveAttribute('aria-pressed', 'true');
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');
  expect(await seriousFindings(page)).toEqual([]);

  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Message sent')).toBeVisible();
  await expect(composer).toBeHidden();
}

/** Decrypts an S/MIME message with OpenSSL and the recipient's key; throws if that key cannot. */
function decryptWith(source: string, name: string, certPath: string, keyPath: string): string {
  const file = join(pki.root, `${name}.eml`);
  writeFileSync(file, source);
  return execFileSync('openssl', ['cms', '-decrypt', '-in', file, '-inkey', keyPath, '-recip', certPath]).toString('latin1');
}

/** The stored message, S/MIME enveloped, with none of `text` in clear. */
function expectEncrypted(source: string | null, text: string): asserts source is string {
  expect(source).not.toBeNull();
  expect(source).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
  expect(source).not.toContain(text);
}

/** The decrypted content is alice's clear-signed message with `text` (ASCII, so 7bit) in it. */
function expectText(decrypted: string, text: string): void {
  expect(decrypted).toMatch(/^Content-Type: multipart\/signed; protocol="application\/pkcs7-signature"/);
  expect(decrypted).toContain(text);
}

test('bob, who never wrote to alice, is found in her directory: the chip says so and OpenSSL decrypts his message with his key', async ({ page }) => {
  test.setTimeout(90_000);
  const bob = directory.people.bob;
  const subject = `Found in the directory ${run}`;
  const text = `Only bob's key opens this ${run}`;
  await openWithHerCertificate(page);

  await page.getByRole('button', { name: 'Connection security' }).click();
  const security = page.getByRole('dialog', { name: /^Connection security of / });
  await security.getByLabel('Directory address').fill(directory.ldapsUrl);
  await security.getByLabel('Directory security').selectOption('ldaps');
  await security.getByLabel('Base DN').fill(directory.baseDn);
  await security.getByLabel('Bind DN (optional)').fill(directory.bindDn);
  await security.getByLabel('Bind password').fill(directory.bindPassword);
  await security.getByRole('button', { name: 'Save directory' }).click();
  await expect(security.getByRole('status').filter({ hasText: 'Saved:' })).toHaveText('Saved: recipients without a known certificate are looked up there.');
  await security.getByRole('button', { name: 'Close' }).click();
  await expect(security).toBeHidden();

  // The subject travels encrypted (RFC 9788): what went out is found as the encrypted mail newer than these.
  const [sentBefore, inboxBefore] = [await newestUid(servers, alice, 'Sent'), await newestUid(servers, servers.users.bob)];
  await writeAndSend(page, bob.address, subject, text, { tag: 'directory', words: 'from your directory' });

  const sent = await encryptedSourceAfter(servers, alice, sentBefore, 'Sent');
  expectEncrypted(sent, text);
  expectText(decryptWith(sent, 'bob-sent', bob.certPath, bob.keyPath), text);
  // bob has a mailbox: what went out is what arrived, and his key opens it too.
  const arrived = await encryptedSourceAfter(servers, servers.users.bob, inboxBefore);
  expectEncrypted(arrived, text);
  expectText(decryptWith(arrived, 'bob-inbox', bob.certPath, bob.keyPath), text);
});

test('carol@dane.test, who never wrote to alice, is found by SMIMEA in DNS: the chip says so and OpenSSL decrypts the Sent copy with her key', async ({ page }) => {
  test.setTimeout(90_000);
  const subject = `Found in DNS ${run}`;
  const text = `Only carol's key opens this ${run}`;
  // No directory is set in this profile: DNS alone finds her.
  await openWithHerCertificate(page);

  const sentBefore = await newestUid(servers, alice, 'Sent');
  await writeAndSend(page, carol.address, subject, text, { tag: 'DNS', words: 'published by the domain in DNS (SMIMEA)' });

  // Postfix drops mail for the DNS world's domains; the Sent copy is encrypted to carol as well.
  const sent = await encryptedSourceAfter(servers, alice, sentBefore, 'Sent');
  expectEncrypted(sent, text);
  expectText(decryptWith(sent, 'carol-sent', carol.certPath, carol.keyPath), text);
});
