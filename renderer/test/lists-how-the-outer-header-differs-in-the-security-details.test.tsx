/**
 * Issue 18: the security details panel says what the protected header (RFC 9788) covers and lists
 * each outer field that differs, telling the sender's own placeholder from a change on the way. A
 * message without header protection shows none of it.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { HeaderProtection } from '../../shared/header-protection-types';
import type { MessageView } from '../../shared/domain';
import type { SmimeVerdict } from '../../shared/smime-types';
import { mailboxHandlers, renderApp, view } from './fixtures';

const signedAndEncrypted: SmimeVerdict = {
  signature: {
    status: 'valid',
    signer: { email: 'bob@example.test', name: 'Bob Example', validation: 'trusted', fingerprint256: 'AA:BB' },
    reason: null,
    details: null,
  },
  encryption: { status: 'decrypted', algorithm: 'AES-256-GCM', reason: null, integrityProtected: true },
};

async function openWith(overrides: Partial<MessageView>) {
  renderApp(mailboxHandlers({ openMessage: async ({ uid }) => view(uid, overrides) }));
  fireEvent.click(await screen.findByRole('option', { name: /Quarterly report/ }));
  const reader = screen.getByRole('region', { name: 'Message' });
  await within(reader).findByRole('heading', { name: 'Quarterly report' });
  return reader;
}

test('an encrypted message lists its obscured subject as put there by the sender', async () => {
  const obscured: HeaderProtection = {
    form: 'rfc9788',
    confidential: true,
    outerDifferences: [{ field: 'Subject', outer: '[...]', shown: 'Quarterly report', byDesign: true }],
    outerFrom: null,
  };
  const reader = await openWith({ security: signedAndEncrypted, headerProtection: obscured });
  fireEvent.click(within(reader).getByRole('button', { name: /^Encrypted/ }));
  const panel = within(reader).getByRole('region', { name: 'Encryption details' });
  const section = within(panel).getByRole('region', { name: 'Protected header' });
  expect(within(section).getByText('Subject, sender and recipients are protected by the encryption; servers saw only a placeholder subject')).toBeTruthy();
  const list = within(section).getByRole('list', { name: 'The outer header differs:' });
  expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Subject: "[...]" (put there by the sender)']);
  // The outer Subject is the sender's own placeholder, not another sender: no warning beside From.
  expect(within(reader).queryByRole('alert')).toBeNull();
});

test('a signed message whose outer subject changed on the way says so in the signature details', async () => {
  const changed: HeaderProtection = {
    form: 'rfc9788',
    confidential: false,
    outerDifferences: [{ field: 'Subject', outer: 'URGENT: wire money', shown: 'Quarterly report', byDesign: false }],
    outerFrom: null,
  };
  const reader = await openWith({ security: { ...signedAndEncrypted, encryption: { status: 'none', algorithm: null, reason: null, integrityProtected: false } }, headerProtection: changed });
  fireEvent.click(within(reader).getByRole('button', { name: /^Signed/ }));
  const panel = within(reader).getByRole('region', { name: 'Signature details' });
  const section = within(panel).getByRole('region', { name: 'Protected header' });
  expect(within(section).getByText('Subject, sender and recipients are protected by the signature')).toBeTruthy();
  const list = within(section).getByRole('list', { name: 'The outer header differs:' });
  expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Subject: "URGENT: wire money" (changed on the way)']);
});

test('a message without header protection shows no protected-header section and no outer-sender warning', async () => {
  const reader = await openWith({ security: signedAndEncrypted });
  expect(within(reader).queryByRole('alert')).toBeNull();
  fireEvent.click(within(reader).getByRole('button', { name: /^Signed/ }));
  expect(within(reader).queryByRole('region', { name: 'Protected header' })).toBeNull();
  expect(within(reader).queryByText(/outer header/)).toBeNull();
  fireEvent.click(within(reader).getByRole('button', { name: /^Encrypted/ }));
  expect(within(reader).getByRole('region', { name: 'Encryption details' })).toBeTruthy();
  expect(within(reader).queryByRole('region', { name: 'Protected header' })).toBeNull();
});
