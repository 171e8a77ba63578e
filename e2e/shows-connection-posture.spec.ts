/**
 * Connection posture as a person meets it, in Chromium against the real core, Dovecot and Postfix:
 * implicit TLS on a port that waits for STARTTLS is refused in words; with STARTTLS (required) the
 * account is added, and its Connection security panel shows how each connection is protected.
 */
import { expect, test } from '@playwright/test';
import { readServersInfo } from './servers/mail-servers';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { bob } = servers.users;

test('bob sets up IMAP with STARTTLS required and sees how each connection is protected', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.goto(process.env.SEALMAIL_WEB_URL!);

  // Earlier specs may have set up an account already; then setup is one click away.
  const address = page.getByLabel('Email address');
  const addAccount = page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: 'Add account' });
  await expect(address.or(addAccount)).toBeVisible();
  if (await addAccount.isVisible()) await addAccount.click();

  await address.fill(bob.address);
  await page.getByLabel('Password').fill(bob.password);
  await page.getByLabel('IMAP server').fill(servers.host);
  await page.getByLabel('IMAP port').fill(String(servers.imapStarttlsPort));
  await page.getByLabel('SMTP server').fill(servers.host);
  await page.getByLabel('SMTP port').fill(String(servers.smtpPort));

  // This port waits for STARTTLS; TLS from the first byte finds plaintext and is refused.
  await expect(page.getByLabel('IMAP security')).toHaveValue('tls');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('alert')).toContainText(`${servers.host}:${servers.imapStarttlsPort} did not answer with TLS`);

  await page.getByLabel('IMAP security').selectOption('starttls');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('button', { name: 'Connection security' })).toBeVisible();

  // With several accounts, make sure bob's is the one shown.
  const switcher = page.getByRole('combobox', { name: 'Account' });
  if (await switcher.isVisible()) await switcher.selectOption({ label: bob.address });

  await page.getByRole('button', { name: 'Connection security' }).click();
  const panel = page.getByRole('dialog', { name: `Connection security of ${bob.address}` });
  const imap = panel.getByRole('region', { name: 'Incoming mail (IMAP)' });
  const smtp = panel.getByRole('region', { name: 'Outgoing mail (SMTP)' });
  await expect(imap).toContainText('STARTTLS (required before anything else is sent)');
  await expect(imap).toContainText(/TLSv1\.[23]/);
  await expect(imap).toContainText(/TLS_[A-Z0-9_]+/);
  await expect(imap).toContainText('CN=mail.example.test');
  await expect(imap).toContainText('O=Sealmail tests, CN=Sealmail Test CA');
  await expect(imap).toContainText('Vouched for by a trusted certificate authority');
  await expect(smtp).toContainText('Implicit TLS (encrypted from the first byte)');
  await expect(smtp).toContainText(`${servers.host}:${servers.smtpPort}`);
  await expect(panel).toContainText('sent no password');

  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  expect(consoleErrors).toEqual([]);
});
