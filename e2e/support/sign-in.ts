/** Sets accounts up through the real setup form, as a person would. */
import { expect, type Page } from '@playwright/test';
import type { MailServersInfo, TestUser } from '../servers/mail-servers';

/** Fills the setup form for `user` against the test servers (implicit TLS ports); does not submit. */
export async function fillAccountForm(page: Page, servers: MailServersInfo, user: TestUser, password = user.password): Promise<void> {
  await page.getByLabel('Email address').fill(user.address);
  await page.getByLabel('Display name').fill('Alice Example');
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('IMAP server').fill(servers.host);
  await page.getByLabel('IMAP port').fill(String(servers.imapPort));
  await page.getByLabel('SMTP server').fill(servers.host);
  await page.getByLabel('SMTP port').fill(String(servers.smtpPort));
}

/** Opens the app at `url` as alice: sets her account up when that profile has none yet. */
export async function openAsAlice(page: Page, servers: MailServersInfo, url = process.env.SEALMAIL_WEB_URL!): Promise<void> {
  await page.goto(url);
  const setup = page.getByLabel('Email address');
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(setup.or(list)).toBeVisible();
  if (await setup.isVisible()) {
    await fillAccountForm(page, servers, servers.users.alice);
    await page.getByRole('button', { name: 'Add account' }).click();
  }
  await expect(list).toBeVisible();
}
