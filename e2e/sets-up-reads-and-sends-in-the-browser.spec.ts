/**
 * The walking skeleton as a person uses it: alice sets up her account in the real renderer (in
 * Chromium, through the loopback bridge), reads her seeded inbox, opens a message and sends one to
 * bob, which then arrives in bob's inbox on the real Dovecot.
 */
import { expect, test } from '@playwright/test';
import { readServersInfo } from './servers/mail-servers';
import { waitForSubject } from './support/imap-check';
import { fillAccountForm } from './support/sign-in';

const servers = readServersInfo(process.env.SEALMAIL_TEST_SERVERS!);
const { alice, bob } = servers.users;

test('alice sets up her account, reads her inbox and sends mail to bob', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // Chromium reports its own refusal when Playwright's hit-testing reaches into the sandboxed
    // message frame: that is the sandbox working, not an error of the app.
    if (message.type() === 'error' && !message.text().startsWith("Blocked script execution in 'about:srcdoc'")) consoleErrors.push(message.text());
  });
  await page.goto(process.env.SEALMAIL_WEB_URL!);

  // A wrong password is refused in words, and the form keeps what was typed.
  await fillAccountForm(page, servers, alice, 'not her password');
  await page.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByRole('alert')).toContainText('refused the user name or password');
  await expect(page.getByLabel('Email address')).toHaveValue(alice.address);

  await page.getByLabel('Password').fill(alice.password);
  await page.getByRole('button', { name: 'Add account' }).click();

  // The seeded inbox, newest first (other specs may have added newer mail to alice's inbox by now,
  // so the order is checked among the seeded messages: the newest above the oldest).
  const list = page.getByRole('listbox', { name: 'Messages' });
  await expect(list.getByRole('option', { name: /Weekend plans/ })).toBeVisible();
  await expect(list.getByRole('option', { name: /Welcome to Sealmail/ })).toBeVisible();
  const rows = await list.getByRole('option').allTextContents();
  const rowOf = (subject: string) => rows.findIndex((row) => row.includes(subject));
  expect(rowOf('Weekend plans')).toBeLessThan(rowOf('Welcome to Sealmail'));
  await expect(page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: /^Inbox/ })).toBeVisible();

  // Opening a message shows the sender's address beside the name, and its attachment.
  await list.getByRole('option', { name: /Meeting notes attached/ }).click();
  const reader = page.getByRole('region', { name: 'Message', exact: true });
  await expect(reader.getByRole('heading', { name: 'Meeting notes attached' })).toBeVisible();
  await expect(reader.getByText('Bob Example <bob@example.test>')).toBeVisible();
  await expect(reader.getByText('Notes from today are attached.')).toBeVisible();
  await expect(reader.getByRole('region', { name: 'Attachments' })).toContainText('notes.txt');

  // Hostile HTML is shown only inside a sandboxed frame, with remote content blocked.
  await list.getByRole('option', { name: /Spring newsletter/ }).click();
  await expect(reader.getByText('Remote content blocked')).toBeVisible();
  const frame = reader.locator('iframe[sandbox=""]');
  await expect(frame).toHaveCount(1);
  // Read the frame's source rather than reaching into it: the sandbox refuses even Playwright's scripts.
  await expect(frame).toHaveAttribute('srcdoc', /<h1>Spring update<\/h1>/);
  await expect(frame).not.toHaveAttribute('srcdoc', /<script|tracker\.example|onerror/i);

  // A broken message is shown as raw text with a notice.
  await list.getByRole('option', { name: /Broken MIME message/ }).click();
  await expect(reader.getByRole('status')).toContainText('could not be read properly');

  // Compose and send to bob.
  const subject = `Hello from the browser ${Date.now()}`;
  await page.getByRole('button', { name: 'Compose' }).click();
  const composer = page.getByRole('dialog', { name: 'New message' });
  await composer.getByRole('textbox', { name: 'To', exact: true }).fill(bob.address);
  await composer.getByRole('textbox', { name: 'Subject', exact: true }).fill(subject);
  await composer.getByRole('textbox', { name: 'Message', exact: true }).fill('Sent through Sealmail, over TLS only.');
  // Sign and Encrypt are on by default; sending without them is the user's explicit choice.
  await composer.getByRole('button', { name: 'Sign' }).click();
  await composer.getByRole('button', { name: 'Encrypt' }).click();
  await composer.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('Message sent')).toBeVisible();
  await expect(composer).toBeHidden();

  expect(await waitForSubject(servers, bob, subject)).toBe(true);
  expect(consoleErrors).toEqual([]);
});
