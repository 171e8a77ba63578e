/** The certificate manager as a person uses it in the browser specs. */
import { expect, type Page } from '@playwright/test';

/** Creates the keystore and imports the .p12 at `p12Path` (password "p12 secret") for `address`, then closes the manager. */
export async function importCertificateThroughManager(page: Page, p12Path: string, address: string): Promise<void> {
  await page.getByRole('button', { name: 'Certificates' }).click();
  const manager = page.getByRole('dialog', { name: 'Certificates' });
  await manager.getByLabel('Keystore passphrase').fill('a long passphrase');
  await manager.getByLabel('Repeat the passphrase').fill('a long passphrase');
  await manager.getByRole('button', { name: 'Create keystore' }).click();
  await manager.getByLabel('Certificate file (.p12, .pfx)').setInputFiles(p12Path);
  await manager.getByLabel('File password').fill('p12 secret');
  await manager.getByRole('button', { name: 'Import' }).click();
  await expect(manager.getByRole('status')).toContainText(`Imported ${address}`);
  await page.keyboard.press('Escape');
  await expect(manager).toBeHidden();
}
