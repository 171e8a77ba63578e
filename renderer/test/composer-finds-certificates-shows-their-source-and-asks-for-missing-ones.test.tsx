import { act, fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { CertificateLookup } from '../../shared/certificate-lookup-types';
import type { ComposeReadiness, OpenedDraft } from '../../shared/compose-types';
import type { Folder } from '../../shared/domain';
import { folders, mailboxHandlers, renderApp, summary, view } from './fixtures';

const pause = () => act(() => new Promise((resolve) => setTimeout(resolve, 400)));

async function compose(to: string) {
  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  const dialog = screen.getByRole('dialog', { name: 'New message' });
  fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: to } });
  fireEvent.change(within(dialog).getByLabelText('Message'), { target: { value: 'Secret plans.' } });
  return dialog;
}

test('a certificate the directory had turns the chip to a lock that says where it came from', async () => {
  const stored = new Set<string>();
  const fake = renderApp(
    mailboxHandlers({
      composeReadiness: async ({ recipients }): Promise<ComposeReadiness> => ({
        sign: { available: true, reason: null },
        encrypt: { available: true, reason: null },
        recipients: recipients.map((address) => ({ address, certificate: stored.has(address) ? 'known' : 'missing' })),
      }),
      findCertificates: async ({ recipients }): Promise<CertificateLookup[]> =>
        recipients.map((address) => {
          stored.add(address);
          return { address, certificateSource: 'directory', searched: [{ source: 'directory', outcome: 'found', detail: null }], checkedAt: '2026-12-03T12:00:00.000Z' };
        }),
    }),
  );
  const dialog = await compose('frank@example.test,');
  await pause();
  const chip = within(within(dialog).getByRole('list', { name: 'To recipients' })).getByText('frank@example.test').closest('li')!;
  expect(chip.textContent).toContain('certificate known, from your directory');
  expect(chip.querySelector('.chip-cert')!.textContent).toBe('directory');
  // Readiness was asked again once the lookup had stored the certificate.
  expect(fake.calls.filter((c) => c.name === 'composeReadiness').length).toBeGreaterThanOrEqual(2);
});

test('Ask for their certificate sends a signed, unencrypted request to them alone and keeps the message as a draft', async () => {
  const fake = renderApp(
    mailboxHandlers({
      composeReadiness: async ({ recipients }): Promise<ComposeReadiness> => ({
        sign: { available: true, reason: null },
        encrypt: { available: true, reason: null },
        recipients: recipients.map((address) => ({ address, certificate: address === 'bob@example.test' ? 'known' : 'missing' })),
      }),
      sendMessage: async () => ({ messageId: '<x@t>', accepted: [], savedToSent: true }),
      saveDraft: async () => ({ ref: { folder: 'Drafts', uid: 7, uidValidity: '1' }, savedAt: '2026-12-03T12:00:00.000Z', encrypted: true }),
    }),
  );
  const dialog = await compose('bob@example.test, carol@example.test,');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  const refusal = await within(dialog).findByRole('alert');
  fireEvent.click(within(refusal).getByRole('button', { name: 'Ask for their certificate' }));
  await within(dialog).findByText(/Asked carol@example\.test for their certificate with a signed message/);
  const sent = fake.calls.filter((c) => c.name === 'sendMessage').map((c) => c.input);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ to: ['carol@example.test'], cc: [], bcc: [], sign: true, encrypt: false, subject: 'Could you reply with a signed message?' });
  expect((sent[0] as { text: string }).text).toContain('reply to this message with a digitally signed e-mail');
  // The message itself is not sent: it is saved, remembering whom it asked, and stays open.
  const saved = fake.calls.filter((c) => c.name === 'saveDraft').map((c) => c.input);
  expect(saved.at(-1)).toMatchObject({ to: ['bob@example.test', 'carol@example.test'], askedForCertificates: ['carol@example.test'] });
  expect(within(dialog).getByLabelText('Message')).toHaveProperty('value', 'Secret plans.');
});

test('without a certificate of your own there is no request to sign, so the choice is not offered', async () => {
  renderApp(
    mailboxHandlers({
      composeReadiness: async ({ recipients }): Promise<ComposeReadiness> => ({
        sign: { available: false, reason: 'you have no certificate for alice@example.test; import one under Certificates.' },
        encrypt: { available: true, reason: null },
        recipients: recipients.map((address) => ({ address, certificate: 'missing' })),
      }),
    }),
  );
  const dialog = await compose('carol@example.test,');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  const refusal = await within(dialog).findByRole('alert');
  expect(within(refusal).queryByRole('button', { name: 'Ask for their certificate' })).toBeNull();
});

test('a draft that asked for a certificate says, once it has arrived, that the message can now be encrypted', async () => {
  const drafts: Folder = { path: 'Drafts', name: 'Drafts', specialUse: '\\Drafts', unread: 0, total: 1 };
  const opened: OpenedDraft = {
    ref: { folder: 'Drafts', uid: 41, uidValidity: '9' },
    to: ['carol@example.test'],
    cc: [],
    bcc: [],
    subject: 'Secret plans',
    text: 'Secret plans.',
    attachments: [],
    inReplyTo: null,
    references: [],
    sign: true,
    encrypt: true,
    originalEncrypted: false,
    askedForCertificates: ['carol@example.test'],
    notice: null,
  };
  renderApp(
    mailboxHandlers({
      listFolders: async () => [...folders, drafts],
      listMessages: async ({ folder, offset }) => (folder === 'Drafts' ? { messages: [summary(41, { subject: 'Secret plans' })], total: 1, offset } : { messages: [], total: 0, offset }),
      openMessage: async ({ uid }) => view(uid, { folder: 'Drafts', subject: 'Secret plans' }),
      openDraft: async () => opened,
      composeReadiness: async ({ recipients }): Promise<ComposeReadiness> => ({
        sign: { available: true, reason: null },
        encrypt: { available: true, reason: null },
        // Her signed reply has been read since: her certificate was collected.
        recipients: recipients.map((address) => ({ address, certificate: 'known' })),
      }),
    }),
  );
  fireEvent.click(await screen.findByRole('button', { name: /^Drafts/ }));
  fireEvent.click(await screen.findByRole('option', { name: /Secret plans/ }));
  fireEvent.click(within(await screen.findByRole('region', { name: 'Draft' })).getByRole('button', { name: 'Continue editing' }));
  const dialog = await screen.findByRole('dialog', { name: 'Draft' });
  await pause();
  expect(within(dialog).getByText('carol@example.test replied signed: their certificate is now known, so this message can be sent encrypted.')).toBeTruthy();
});
