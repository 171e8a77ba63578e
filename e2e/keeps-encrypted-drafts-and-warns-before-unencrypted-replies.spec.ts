/**
 * Issue 6 item 5 in the real renderer (Chromium, loopback bridge, real core, real Dovecot): with
 * her certificate imported, alice writes a message with Encrypt on as by default; it is autosaved
 * to Drafts as an S/MIME enveloped message whose text is nowhere in clear on the server; she closes
 * the composer, continues the draft from the Drafts folder (decrypted, toggles as left) and discards
 * it, which deletes it from the server. Then she answers a message that was encrypted to her: turning
 * Encrypt off shows the warning, the draft of that answer is still stored encrypted, and Send asks
 * before the quoted text goes out unencrypted.
 * Runs its own dev:web with a fresh profile.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { encryptEntity } from '../electron/core/smime/encrypt-entity';
import { textEntity, withMessageHeaders } from '../electron/core/smime/mime/compose-entity';
import { TestPki, type TestIdentity } from '../electron/core/smime/testing/test-pki';
import { readServersInfo } from './servers/mail-servers';
import { appendMessages, encryptedSourceAfter, newestUid, withClient } from './support/mailbox';
import { importCertificateThroughManager } from './support/certificates';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { openAsAlice } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const draftSubject = `Encrypted draft ${run}`;
const draftText = `Draft words only alice may read ${run}`;
const encryptedSubject = `Encrypted to alice ${run}`;
const REPLY_WARNING = 'The message you are replying to was encrypted. Sending this reply unencrypted exposes the quoted text.';

let pki: TestPki;
let aliceId: TestIdentity;
let p12Path: string;
let devWeb: DevWeb | undefined;
let url: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000); // openssl key generation and dev:web start on a loaded machine
  pki = new TestPki();
  const ca = pki.createCa('ca');
  aliceId = pki.issue(ca, alice.address, { keyType: 'rsa' });
  p12Path = join(pki.root, 'alice.p12');
  writeFileSync(p12Path, pki.pkcs12(aliceId, ca, 'p12 secret'));
  const encrypted = withMessageHeaders(encryptEntity(textEntity('The figures are 42 and 7.'), [{ certificate: aliceId.certificate, capabilities: null }]).entity, {
    from: bob.address,
    to: [alice.address],
    subject: encryptedSubject,
    date: new Date(),
  });
  await appendMessages(servers, alice, [encrypted.toString('latin1')]);

  devWeb = await startDevWeb({ profileDir: join(pki.root, 'profile'), caPaths: [servers.caCertPath, ca.certPath] });
  url = devWeb.url;
});

test.afterAll(async () => {
  await devWeb?.stop();
  pki?.cleanup();
});

/** How many drafts alice's Drafts folder holds above UID `after`. */
function draftsAbove(after: number): Promise<number> {
  return withClient(servers, alice, async (client) => {
    const lock = await client.getMailboxLock('Drafts');
    try {
      return ((await client.search({ uid: `${after + 1}:*` }, { uid: true })) || []).filter((uid) => uid > after).length;
    } finally {
      lock.release();
    }
  });
}

test('a draft written with Encrypt on is stored encrypted, continued from Drafts and deleted on Discard', async ({ page }) => {
  await openAsAlice(page, servers, url);
  await importCertificateThroughManager(page, p12Path, alice.address);

  const draftsBefore = await newestUid(servers, alice, 'Drafts');
  await page.getByRole('button', { name: 'Compose' }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(bob.address);
  await composer.getByRole('textbox', { name: 'Subject', exact: true }).fill(draftSubject);
  await composer.getByRole('textbox', { name: 'Message', exact: true }).fill(draftText);
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');
  // Autosaved a few seconds after typing stops.
  await expect(composer.getByText(/^Draft saved/)).toBeVisible();

  // Its subject is protected too (RFC 9788): the server sees "[...]" and finds it as the encrypted draft stored since.
  const stored = await encryptedSourceAfter(servers, alice, draftsBefore, 'Drafts');
  expect(stored).not.toBeNull();
  expect(stored).not.toContain(draftSubject);
  expect(stored).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
  expect(stored).not.toContain(draftText);
  expect(stored).not.toContain('X-Sealmail-Draft-Options');

  await composer.getByRole('button', { name: 'Close' }).click();
  await expect(composer).toBeHidden();

  await page.getByRole('button', { name: /^Drafts/ }).click();
  await page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: new RegExp(draftSubject) }).click();
  await page.getByRole('region', { name: 'Draft' }).getByRole('button', { name: 'Continue editing' }).click();
  const continued = page.getByRole('dialog', { name: 'Draft' });
  await expect(continued.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(draftText);
  await expect(continued.getByRole('textbox', { name: 'Subject', exact: true })).toHaveValue(draftSubject);
  await expect(continued.getByRole('button', { name: 'Sign' })).toHaveAttribute('aria-pressed', 'true');
  await expect(continued.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');

  await continued.getByRole('button', { name: 'Discard' }).click();
  await expect(continued).toBeHidden();
  await expect.poll(() => draftsAbove(draftsBefore)).toBe(0);
});

test('turning Encrypt off in a reply to encrypted mail warns, and Send asks first', async ({ page }) => {
  await page.goto(url);
  const list = page.getByRole('listbox', { name: 'Messages' });
  await page.getByRole('button', { name: /^Inbox/ }).click();
  await list.getByRole('option', { name: new RegExp(encryptedSubject) }).click();
  const reader = page.getByRole('region', { name: 'Message' });
  await expect(reader.getByText('The figures are 42 and 7.')).toBeVisible();
  const replyDraftsBefore = await newestUid(servers, alice, 'Drafts');
  await reader.getByRole('button', { name: 'Reply', exact: true }).click();

  const composer = page.getByRole('dialog', { name: 'Reply' });
  await expect(composer.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(/> The figures are 42 and 7\./);
  await expect(composer.getByRole('alert')).toHaveCount(0);
  await composer.getByRole('button', { name: 'Encrypt' }).click();
  await expect(composer.getByRole('alert')).toHaveText(REPLY_WARNING);
  // Its draft quotes encrypted mail: stored encrypted all the same, subject included.
  await expect(composer.getByText(/^Draft saved/)).toBeVisible();
  const stored = await encryptedSourceAfter(servers, alice, replyDraftsBefore, 'Drafts');
  expect(stored).not.toContain(encryptedSubject);
  expect(stored).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
  expect(stored).not.toContain('42 and 7');

  await composer.getByRole('button', { name: 'Send' }).click();
  const question = composer.getByRole('alert', { name: 'Not sent' });
  await expect(question).toContainText(REPLY_WARNING);
  await expect(question.getByRole('button', { name: 'Send unencrypted anyway' })).toBeVisible();
  await question.getByRole('button', { name: 'Turn encryption back on' }).click();
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');
  await expect(composer.getByRole('alert')).toHaveCount(0);
  await composer.getByRole('button', { name: 'Discard' }).click();
  await expect(composer).toBeHidden();
  await expect.poll(() => draftsAbove(replyDraftsBefore)).toBe(0);
});
