/** Opens the app as alice: sets her account up when this run's profile has none yet. */
import { expect, type Page } from '@playwright/test';
import type { MailServersInfo } from '../servers/mail-servers';

export async function openAsAlice(page: Page, servers: MailServersInfo): Promise<void> {
  const { alice } = servers.users;
  await page.goto(process.env.SEALMAIL_WEB_URL!);
  const setup = page.getByLabel('Email address');
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(setup.or(list)).toBeVisible();
  if (await setup.isVisible()) {
    await setup.fill(alice.address);
    await page.getByLabel('Display name').fill('Alice Example');
    await page.getByLabel('Password').fill(alice.password);
    await page.getByLabel('IMAP server').fill(servers.host);
    await page.getByLabel('IMAP port').fill(String(servers.imapPort));
    await page.getByLabel('SMTP server').fill(servers.host);
    await page.getByLabel('SMTP port').fill(String(servers.smtpPort));
    await page.getByRole('button', { name: 'Add account' }).click();
  }
  await expect(list).toBeVisible();
}
