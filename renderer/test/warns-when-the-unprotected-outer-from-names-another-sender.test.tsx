/**
 * Issue 18: a signed message whose outer From was changed on the way shows the protected sender,
 * and beside From a warning drawn by the app naming the outer sender, never inside the message frame.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { HeaderProtection } from '../../shared/header-protection-types';
import type { SmimeVerdict } from '../../shared/smime-types';
import { mailboxHandlers, renderApp, view } from './fixtures';

const signed: SmimeVerdict = {
  signature: {
    status: 'valid',
    signer: { email: 'bob@example.test', name: 'Bob Example', validation: 'trusted', fingerprint256: 'AA:BB' },
    reason: null,
    details: null,
  },
  encryption: { status: 'none', algorithm: null, reason: null, integrityProtected: false },
};

const rewrittenFrom: HeaderProtection = {
  form: 'rfc9788',
  confidential: false,
  outerDifferences: [{ field: 'From', outer: 'Mallory <mallory@evil.test>', shown: 'Bob Example <bob@example.test>', byDesign: false }],
  outerFrom: { name: 'Mallory', address: 'mallory@evil.test' },
};

test('a differing outer From shows a warning beside From naming the outer sender, outside the message frame', async () => {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, { security: signed, headerProtection: rewrittenFrom, html: '<p>Hi</p>' }) }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });

  const warning = within(reader).getByRole('alert');
  expect(warning.textContent).toBe(
    'The unprotected outer header names another sender: Mallory <mallory@evil.test>. The sender shown is the one inside the signature or encryption.',
  );
  // Beside From, which still shows the protected sender; in the app's header, not the frame.
  const from = warning.closest('.reader-from');
  expect(from?.textContent).toContain('Bob Example <bob@example.test>');
  expect(warning.closest('header')).not.toBeNull();
  expect(reader.querySelector('iframe')?.contains(warning)).toBe(false);
});
