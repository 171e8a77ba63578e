/**
 * Issue 18's "done when": alice sends bob an encrypted message with a confidential subject from her
 * Sealmail; the raw message on the server, read over IMAP, does not contain the subject (its outer
 * Subject is "[...]", RFC 9788), and bob's Sealmail lists it as "Encrypted message" until he opens
 * it, then shows the subject from inside, in the reader and in the list, with the details panel
 * saying what the encryption protected. Each of them runs a dev:web of their own, with their own
 * certificate; bob's certificate reaches alice the usual way, from a message he signed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { textEntity, withMessageHeaders } from '../electron/core/smime/mime/compose-entity';
import { signEntity } from '../electron/core/smime/sign-entity';
import { TestPki, type TestCa, type TestIdentity } from '../electron/core/smime/testing/test-pki';
import { readServersInfo, type TestUser } from './servers/mail-servers';
import { importCertificateThroughManager } from './support/certificates';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { appendMessages, encryptedSourceAfter, newestUid } from './support/mailbox';
import { fillAccountForm } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const confidential = `Acquisition of Wombat Ltd ${run}`;
const bobsKeySubject = `My certificate ${run}`;

let pki: TestPki;
let ca: TestCa;
const ids: Record<'alice' | 'bob', { id: TestIdentity; p12: string }> = {} as never;
const apps: DevWeb[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000); // key generation and two dev:web starts on a loaded machine
  pki = new TestPki();
  ca = pki.createCa('ca');
  for (const [name, user] of [['alice', alice], ['bob', bob]] as const) {
    const id = pki.issue(ca, user.address, { keyType: 'rsa' });
    const p12 = join(pki.root, `${name}.p12`);
    writeFileSync(p12, pki.pkcs12(id, ca, 'p12 secret'));
    ids[name] = { id, p12 };
  }
  // bob once wrote alice a signed message: that is how his certificate reaches her.
  const signed = withMessageHeaders(signEntity(textEntity('Here is my certificate. Bob'), { key: ids.bob.id.key, certificate: ids.bob.id.certificate, chain: [ca.certificate] }, { now: () => new Date() }), {
    from: bob.address, to: [alice.address], subject: bobsKeySubject, date: new Date(),
  });
  await appendMessages(servers, alice, [signed.toString('latin1')]);
});

test.afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  pki?.cleanup();
});

async function openAs(page: Page, user: TestUser, name: 'alice' | 'bob'): Promise<void> {
  const app = await startDevWeb({ profileDir: join(pki.root, `profile-${name}`), caPaths: [servers.caCertPath, ca.certPath] });
  apps.push(app);
  await page.goto(app.url);
  await fillAccountForm(page, servers, user);
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('listbox', { name: 'Messages' })).toBeVisible();
  await importCertificateThroughManager(page, ids[name].p12, user.address);
}

test('a confidential subject stays inside the encryption from alice to bob, and bob\'s Sealmail shows it', async ({ browser }) => {
  test.setTimeout(120_000);
  const alicePage = await browser.newPage();
  await openAs(alicePage, alice, 'alice');
  const aliceList = alicePage.getByRole('listbox', { name: 'Messages' });
  await aliceList.getByRole('option', { name: new RegExp(bobsKeySubject) }).click();
  await expect(alicePage.getByRole('region', { name: 'Message' }).getByRole('button', { name: /^Signed/ })).toBeVisible();

  const before = await newestUid(servers, bob);
  await alicePage.getByRole('button', { name: 'Compose' }).click();
  const composer = alicePage.getByRole('dialog', { name: 'New message' });
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(bob.address);
  await composer.getByRole('textbox', { name: 'Subject', exact: true }).fill(confidential);
  await composer.getByRole('textbox', { name: 'Message', exact: true }).fill('The board meets on Friday.');
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(alicePage.getByText('Message sent')).toBeVisible();

  // On the server: the placeholder subject, and neither the subject nor the text anywhere in clear.
  const raw = await encryptedSourceAfter(servers, bob, before);
  expect(raw).not.toBeNull();
  expect(raw).toMatch(/^Subject: \[\.\.\.\]\r?$/m);
  expect(raw).not.toContain('Wombat');
  expect(raw).not.toContain('board meets');

  const bobPage = await browser.newPage();
  await openAs(bobPage, bob, 'bob');
  const list = bobPage.getByRole('listbox', { name: 'Messages' });
  const row = list.getByRole('option', { name: /Encrypted message/ }).filter({ hasText: alice.address.split('@')[0]! }).first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await row.click();
  const reader = bobPage.getByRole('region', { name: 'Message' });
  await expect(reader.getByRole('heading', { name: confidential })).toBeVisible();
  await expect(reader.getByText('The board meets on Friday.')).toBeVisible();
  // Opened, its row shows the subject from inside too (kept in memory only).
  await expect(list.getByRole('option', { name: new RegExp(confidential) })).toBeVisible();

  await reader.getByRole('button', { name: /^Encrypted/ }).click();
  const protectedHeader = reader.getByRole('region', { name: 'Protected header' }).first();
  await expect(protectedHeader).toContainText('Subject, sender and recipients are protected by the encryption; servers saw only a placeholder subject');
  await expect(protectedHeader.getByRole('listitem')).toContainText(['Subject: "[...]" (put there by the sender)']);
  await expect(reader.getByRole('alert')).toHaveCount(0);
});
