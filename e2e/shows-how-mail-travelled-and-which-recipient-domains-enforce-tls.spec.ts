/**
 * The third leg as a person meets it, in Chromium against the real core: a message bob sent through
 * the real Postfix shows "TLS on every hop" beside its badges, with the hops Postfix and Dovecot
 * wrote; a message whose earlier hops the sender's side wrote shows them as claims; and the composer
 * says, per recipient domain of the loopback DNS world (BIND + unbound + the policy server), whether
 * it enforces TLS by DANE or MTA-STS, or not, and what failed.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createTransport } from 'nodemailer';
import { DNS_WORLD_DOMAINS } from './servers/dns/dns-world';
import { readServersInfo } from './servers/mail-servers';
import { appendMessages } from './support/mailbox';
import { waitForSubject } from './support/imap-check';
import { openAsAlice } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;

/** Serious or critical accessibility findings outside the message frame. */
async function seriousFindings(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).exclude('iframe.message-html').options({ iframes: false }).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('mail bob sent through Postfix shows TLS on every hop, and the details list the hops your provider recorded', async ({ page }) => {
  const subject = `Travelled over TLS ${Date.now()}`;
  const transport = createTransport({ host: servers.host, port: servers.smtpPort, secure: true, tls: { ca: [servers.caCertPem] }, auth: { user: bob.address, pass: bob.password } });
  await transport.sendMail({ from: bob.address, to: alice.address, subject, text: 'Sent the usual way.' });
  expect(await waitForSubject(servers, alice, subject)).toBe(true);

  await openAsAlice(page, servers);
  await page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: new RegExp(subject) }).click();
  const reader = page.getByRole('region', { name: 'Message', exact: true });
  const indicator = reader.getByRole('button', { name: /^Delivery: TLS on every hop/ });
  await expect(indicator).toBeVisible();
  // Outside the message frame, beside the signature badge, which it leaves alone.
  await expect(reader.getByRole('button', { name: /^Not signed/ })).toBeVisible();
  await indicator.click();
  const panel = reader.getByRole('region', { name: 'Delivery details' });
  await expect(panel).toContainText(/TLS \(TLS 1\.[23]/);
  await expect(panel).toContainText('LMTP');
  await expect(panel).toContainText('Recorded by your provider');
  await expect(panel).not.toContainText('Claimed');
});

test('a message whose first hop went without TLS says so, and the hops before your provider are claims', async ({ page }) => {
  const subject = `Travelled partly in clear ${Date.now()}`;
  const date = new Date().toUTCString();
  await appendMessages(servers, alice, [
    [
      `Received: from mail.sender.example (mail.sender.example [192.0.2.10]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)) by mx.example.test (Postfix) with ESMTPS id 4Qabc for <${alice.address}>; ${date}`,
      `Received: from laptop.sender.example (laptop.sender.example [198.51.100.7]) by mail.sender.example (Postfix) with ESMTP id 4Qxyz; ${date}`,
      `From: Carol <carol@sender.example>`,
      `To: ${alice.address}`,
      `Subject: ${subject}`,
      `Date: ${date}`,
      `Message-ID: <${Date.now()}@sender.example>`,
      '',
      'The first hop was plaintext, or so the header says.',
      '',
    ].join('\n'),
  ]);

  await openAsAlice(page, servers);
  await page.getByRole('listbox', { name: 'Messages' }).getByRole('option', { name: new RegExp(subject) }).click();
  const reader = page.getByRole('region', { name: 'Message', exact: true });
  const indicator = reader.getByRole('button', { name: /^Delivery: 1 hop without TLS/ });
  await expect(indicator).toBeVisible();
  await indicator.click();
  const hops = reader.getByRole('region', { name: 'Delivery details' }).locator('.delivery-hop');
  await expect(hops).toHaveCount(2);
  await expect(hops.nth(0)).toContainText('laptop.sender.example');
  await expect(hops.nth(0)).toContainText('No TLS');
  await expect(hops.nth(0)).toContainText('Claimed');
  await expect(hops.nth(1)).toContainText('Recorded by your provider');
  expect(await seriousFindings(page)).toEqual([]);
});

test('the composer says which recipient domains enforce TLS, by DANE or MTA-STS, and what failed for the others', async ({ page }) => {
  const D = DNS_WORLD_DOMAINS;
  await openAsAlice(page, servers);
  await page.getByRole('button', { name: 'Compose' }).click();
  const dialog = page.getByRole('dialog', { name: 'New message' });
  const to = [D.dane, D.sts, D.testing, D.none, D.bogus, D.untrusted].map((domain) => `someone@${domain}`).join(', ');
  await dialog.getByRole('textbox', { name: 'To', exact: true }).fill(`${to},`);
  const line = dialog.locator('.recipient-domains');
  await expect(line.locator('summary')).toContainText('no enforced TLS');
  await line.locator('summary').click();
  const item = (domain: string) => line.locator('.recipient-domain', { hasText: domain }).first();
  await expect(item(D.dane)).toContainText('enforced by DANE');
  await expect(item(D.sts)).toContainText('enforced by MTA-STS');
  await expect(item(D.testing)).toContainText('MTA-STS testing');
  await expect(item(D.none)).toContainText('no policy: servers may fall back to plaintext');
  await expect(item(D.bogus)).toContainText(/badly signed|bogus/i);
  await expect(item(D.bogus)).not.toContainText('enforced by DANE');
  await expect(item(D.untrusted)).toContainText(/certificate/i);
  await expect(line).toContainText(`Your submission server, ${servers.host}, relays this message`);
  expect(await seriousFindings(page)).toEqual([]);
});
