/**
 * The everyday window against the real core and servers: remote images stay blocked until alice
 * allows them (for one message, then always for the sender), inline cid: images show, an
 * attachment is saved through a download, a reply quotes only what she saw and threads on the
 * original, Sign and Encrypt are on by default and Send refuses until she chooses, a file is
 * attached and arrives, the keyboard shortcuts work, and axe finds nothing serious.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readServersInfo } from './servers/mail-servers';
import { appendMessages, sourceOf } from './support/mailbox';
import { openAsAlice } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
// A 1x1 PNG, used both as the inline (cid:) part and as the remote image.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const REMOTE_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

let imageServer: Server;
let imageUrl = '';
let imageHits = 0;

const remoteSubject = `Remote pictures ${run}`;
const quoteSubject = `Quote test ${run}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  imageServer = createServer((request, response) => {
    imageHits++;
    response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(REMOTE_PNG, 'base64'));
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  const address = imageServer.address();
  imageUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/pixel.png`;

  await appendMessages(servers, alice, [
    [
      'From: Lena News <lena@example.test>',
      `To: ${alice.address}`,
      `Subject: ${remoteSubject}`,
      `Message-ID: <remote-${run}@example.test>`,
      'Date: Tue, 03 Nov 2026 10:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mix"',
      '',
      '--mix',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>Look at this:</p><img src="${imageUrl}" alt="remote picture"><img src="cid:logo@example.test" alt="inline logo">`,
      '--rel',
      'Content-Type: image/png',
      'Content-ID: <logo@example.test>',
      'Content-Transfer-Encoding: base64',
      '',
      PNG,
      '--rel--',
      '--mix',
      'Content-Type: text/plain; name="plan.txt"',
      'Content-Disposition: attachment; filename="plan.txt"',
      '',
      'Step one. Step two.',
      '--mix--',
      '',
    ].join('\n'),
    [
      `From: Bob Example <${bob.address}>`,
      `To: ${alice.address}`,
      `Subject: ${quoteSubject}`,
      `Message-ID: <quote-${run}@example.test>`,
      `References: <root-${run}@example.test>`,
      'Date: Tue, 03 Nov 2026 11:00:00 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'PLAIN-ONLY words that the HTML view never shows.',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      `<p>Visible words ${run}</p><div style="display:none">HIDDEN-SECRET</div>`,
      '--alt--',
      '',
    ].join('\n'),
  ]);
});

test.afterAll(async () => {
  await new Promise((resolve) => imageServer.close(resolve));
});

const reader = (page: Page) => page.getByRole('region', { name: 'Message', exact: true });
const list = (page: Page) => page.getByRole('listbox', { name: 'Messages' });
const frame = (page: Page) => reader(page).locator('iframe[sandbox=""]');

/** axe-core over the window (not inside the sandboxed message frame, where no script may run). */
async function seriousViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude('iframe.message-html').options({ iframes: false }).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function open(page: Page, subject: string) {
  await list(page).getByRole('option', { name: new RegExp(subject) }).click();
  await expect(reader(page).getByRole('heading', { name: subject })).toBeVisible();
}

test('remote images stay blocked until allowed; inline images show; an attachment is saved by download', async ({ page }) => {
  await openAsAlice(page, servers);
  await open(page, remoteSubject);

  // Blocked, and nothing was fetched; the inline part is there as a data: URL.
  await expect(reader(page).getByText('Remote content blocked')).toBeVisible();
  await expect(frame(page)).toHaveAttribute('srcdoc', new RegExp(`data:image/png;base64,${PNG.slice(0, 40).replace(/\+/g, '\\+')}`));
  await expect(frame(page)).not.toHaveAttribute('srcdoc', /127\.0\.0\.1/);
  expect(imageHits).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  const saving = page.waitForEvent('download');
  await reader(page).getByRole('button', { name: 'Save plan.txt' }).click();
  const download = await saving;
  expect(download.suggestedFilename()).toBe('plan.txt');
  expect(await readFile((await download.path())!, 'utf8')).toContain('Step one. Step two.');

  // For this message only.
  await reader(page).getByRole('button', { name: 'Load for this message' }).click();
  await expect(reader(page).getByText('Remote content blocked')).toBeHidden();
  await expect(frame(page)).toHaveAttribute('srcdoc', new RegExp(REMOTE_PNG.slice(0, 40).replace(/\+/g, '\\+')));
  expect(imageHits).toBeGreaterThan(0);

  await open(page, quoteSubject);
  await open(page, remoteSubject);
  await expect(reader(page).getByText('Remote content blocked')).toBeVisible();

  // Always for this sender: remembered the next time the message is opened.
  await reader(page).getByRole('button', { name: 'Always for this sender' }).click();
  await expect(reader(page).getByText('Remote content blocked')).toBeHidden();
  await open(page, quoteSubject);
  await open(page, remoteSubject);
  await expect(frame(page)).toHaveAttribute('srcdoc', new RegExp(REMOTE_PNG.slice(0, 40).replace(/\+/g, '\\+')));
  await expect(reader(page).getByText('Remote content blocked')).toBeHidden();
});

test('a reply quotes only what was shown, threads on the original, and is sent only after an explicit choice', async ({ page }) => {
  await openAsAlice(page, servers);
  await open(page, quoteSubject);
  await reader(page).getByRole('button', { name: 'Reply', exact: true }).click();

  const composer = page.getByRole('dialog', { name: 'Reply' });
  await expect(composer.getByRole('textbox', { name: 'Subject' })).toHaveValue(`Re: ${quoteSubject}`);
  const body = composer.getByRole('textbox', { name: 'Message' });
  await expect(body).toHaveValue(new RegExp(`> Visible words ${run}`));
  await expect(body).not.toHaveValue(/HIDDEN-SECRET|PLAIN-ONLY/);
  await expect(composer.getByRole('list', { name: 'To recipients' })).toContainText(bob.address);

  // Sign and Encrypt are on; alice has no certificate yet, so Send refuses and says why.
  await expect(composer.getByRole('button', { name: 'Sign' })).toHaveAttribute('aria-pressed', 'true');
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'true');
  await composer.getByRole('button', { name: 'Send' }).click();
  const refusal = composer.getByRole('alert');
  await expect(refusal).toContainText('Not sent');
  await refusal.getByRole('button', { name: 'Turn encryption off for this message' }).click();
  await refusal.getByRole('button', { name: 'Turn signing off for this message' }).click();
  await expect(composer.getByRole('button', { name: 'Encrypt' })).toHaveAttribute('aria-pressed', 'false');
  await body.press('Control+Enter');
  await expect(page.getByText('Message sent')).toBeVisible();

  const sent = await sourceOf(servers, bob, `Re: ${quoteSubject}`);
  expect(sent).not.toBeNull();
  expect(sent).toMatch(new RegExp(`In-Reply-To: <quote-${run}@example.test>`));
  expect(sent).toMatch(new RegExp(`References: <root-${run}@example.test>\\s+<quote-${run}@example.test>`));
  expect(sent).not.toMatch(/HIDDEN-SECRET|PLAIN-ONLY/);
});

test('shortcuts move, open, compose and explain themselves; a picked file is attached and arrives', async ({ page }) => {
  await openAsAlice(page, servers);
  await open(page, remoteSubject);
  const selected = list(page).locator('[role="option"][aria-selected="true"]');
  const before = await selected.getAttribute('data-uid');
  await page.keyboard.press('j');
  await expect(selected).not.toHaveAttribute('data-uid', before!);
  await page.keyboard.press('k');
  await expect(selected).toHaveAttribute('data-uid', before!);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Reply to all');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('f');
  const forward = page.getByRole('dialog', { name: 'Forward' });
  await expect(forward.getByRole('list', { name: 'Attached files' })).toContainText('plan.txt');
  await forward.getByRole('button', { name: 'Discard' }).click();

  await page.keyboard.press('c');
  const composer = page.getByRole('dialog', { name: 'New message' });
  const subject = `Attachment test ${run}`;
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(bob.address);
  await composer.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await composer.getByRole('textbox', { name: 'Message' }).fill('The report is attached.');
  await composer.getByLabel('Choose files to attach').setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('Quarterly numbers: 42') });
  await expect(composer.getByRole('list', { name: 'Attached files' })).toContainText('report.txt');

  expect(await seriousViolations(page)).toEqual([]);

  // Unprotected on purpose: both toggles switched off by hand.
  await composer.getByRole('button', { name: 'Sign' }).click();
  await composer.getByRole('button', { name: 'Encrypt' }).click();
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Message sent')).toBeVisible();
  const arrived = await sourceOf(servers, bob, subject);
  expect(arrived).toMatch(/filename="?report\.txt/);
  // nodemailer picks the transfer encoding; either way the bytes are there.
  expect(arrived!.includes(Buffer.from('Quarterly numbers: 42').toString('base64')) || arrived!.includes('Quarterly numbers: 42')).toBe(true);
});
