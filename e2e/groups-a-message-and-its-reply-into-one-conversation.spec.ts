/**
 * Issue 6 item 1 (conversations) in the real renderer against the real core and Dovecot: a message
 * and a reply to it (In-Reply-To and References) are appended to alice's INBOX over IMAP; with
 * "Group by conversation" pressed they are one row counting 2, which opens in place to show both,
 * oldest first. A second reply appended while the list is grouped joins the same row (sync reports
 * the change, the list reloads), and axe finds nothing serious in the tree. Runs its own dev:web
 * with a fresh profile: the shared one belongs to the spec that sets alice's account up by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readServersInfo } from './servers/mail-servers';
import { appendMessages } from './support/mailbox';
import { startDevWeb, type DevWeb } from './support/dev-web';
import { openAsAlice } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const subject = `Picnic plans ${run}`;
const id = (name: string) => `<${name}-${run}@example.test>`;

const PICNIC_DAY = Date.UTC(2024, 5, 1, 12);

function message(options: { from: string; messageId: string; subject: string; minutesAgo: number; inReplyTo?: string[]; text: string }): string {
  // Dated before the seeded inbox, so the specs that expect its newest message on top still see it.
  const date = new Date(PICNIC_DAY - options.minutesAgo * 60_000).toUTCString().replace('GMT', '+0000');
  const threading = options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo.at(-1)}`, `References: ${options.inReplyTo.join(' ')}`] : [];
  return [
    `From: ${options.from}`,
    `To: Alice Example <${alice.address}>`,
    `Subject: ${options.subject}`,
    `Date: ${date}`,
    `Message-ID: ${options.messageId}`,
    ...threading,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    options.text,
    '',
  ].join('\n');
}

const list = (page: Page) => page.getByRole('tree', { name: 'Messages' });
/** The conversation rows (level 1) about `text`; the messages of an open one are level 2. */
const conversations = (page: Page, text: string) => list(page).locator('[role="treeitem"][aria-level="1"]').filter({ hasText: text });

let profileDir: string;
let devWeb: DevWeb | undefined;

test.beforeAll(async () => {
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-e2e-conversations-'));
  devWeb = await startDevWeb({ profileDir, caPaths: [servers.caCertPath] });
});

test.afterAll(async () => {
  await devWeb?.stop();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

test('a message and its reply are one conversation of 2, opened in place; a later reply joins it', async ({ page }) => {
  await openAsAlice(page, servers, devWeb!.url);
  await appendMessages(servers, alice, [
    message({ from: `Bob Example <${bob.address}>`, messageId: id('root'), subject, minutesAgo: 2, text: 'Saturday at the lake?' }),
    message({ from: 'Carol <carol@example.test>', messageId: id('reply'), subject: `Re: ${subject}`, minutesAgo: 1, inReplyTo: [id('root')], text: 'I bring the bread.' }),
  ]);
  // New mail arrives by IDLE; the flat list shows both messages first.
  const flat = page.getByRole('listbox', { name: 'Messages' });
  await expect(flat.getByRole('option', { name: new RegExp(`Re: ${subject}`) })).toBeVisible({ timeout: 30_000 });
  await expect(flat.getByRole('option', { name: new RegExp(subject) })).toHaveCount(2);

  const toggle = page.getByRole('button', { name: 'Group by conversation' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  const row = conversations(page, subject);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAccessibleName(/Bob Example and Carol/);
  await expect(row.locator('.conversation-count')).toHaveText('2');
  await expect(row).toContainText('2 messages');
  await expect(row).toHaveAttribute('aria-expanded', 'false');

  // Selecting the conversation shows its newest message; Right opens it in place, oldest first.
  await row.click();
  const reader = page.getByRole('region', { name: 'Message', exact: true });
  await expect(reader.getByText('I bring the bread.')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(row).toHaveAttribute('aria-expanded', 'true');
  const inside = list(page).locator('[role="treeitem"][aria-level="2"]');
  await expect(inside).toHaveCount(2);
  await expect(inside.nth(0)).toContainText(subject);
  await expect(inside.nth(0)).not.toContainText(`Re: ${subject}`);
  await expect(inside.nth(1)).toContainText(`Re: ${subject}`);

  // Arrow keys walk the conversation's messages; j does what Down does.
  await page.keyboard.press('ArrowRight');
  await expect(reader.getByText('Saturday at the lake?')).toBeVisible();
  await page.keyboard.press('j');
  await expect(reader.getByText('I bring the bread.')).toBeVisible();
  await expect(inside.nth(1)).toHaveAttribute('aria-selected', 'true');

  const axe = await new AxeBuilder({ page }).exclude('iframe.message-html').options({ iframes: false }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A second reply arriving while grouped joins the same row, which stays open and counts 3.
  await appendMessages(servers, alice, [
    message({ from: `Bob Example <${bob.address}>`, messageId: id('again'), subject: `Re: ${subject}`, minutesAgo: 0, inReplyTo: [id('root'), id('reply')], text: 'Great, see you there.' }),
  ]);
  await expect(row.locator('.conversation-count')).toHaveText('3', { timeout: 30_000 });
  await expect(row).toContainText('3 messages');
  await expect(inside).toHaveCount(3);
  await expect(conversations(page, subject)).toHaveCount(1);

  // The choice is remembered: after a reload the list opens grouped.
  await page.reload();
  await expect(list(page)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Group by conversation' })).toHaveAttribute('aria-pressed', 'true');
});
