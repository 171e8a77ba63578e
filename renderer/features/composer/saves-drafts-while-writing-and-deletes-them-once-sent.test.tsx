/**
 * Drafts in the composer (issue 6 item 5): saved once a few seconds after typing stops, at once
 * with Ctrl+S, each save replacing the last; a quiet "Draft saved" status; Close saves, a refused
 * save (Encrypt on, no certificate of one's own) keeps the composer and says why; Discard and Send
 * delete the stored draft; a message of the Drafts folder is continued with "Continue editing".
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { OpenedDraft, SavedDraft } from '../../../shared/compose-types';
import type { Folder } from '../../../shared/domain';
import { SealmailError } from '../../../shared/errors';
import { account, folders, mailboxHandlers, renderApp, summary, view } from '../../test/fixtures';
import { AUTOSAVE_MS } from './use-draft-saving';

function type(dialog: HTMLElement, label: string, value: string) {
  fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

async function openComposer() {
  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  return screen.getByRole('dialog', { name: 'New message' });
}

/** A saveDraft fake that numbers versions as a server would. */
function savingDrafts() {
  let uid = 0;
  return async (): Promise<SavedDraft> => ({ ref: { folder: 'Drafts', uid: ++uid, uidValidity: '9' }, savedAt: '2026-11-29T10:42:00.000Z', encrypted: true });
}

const wait = (ms: number) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));
const callsOf = (fake: { calls: { name: string; input: unknown }[] }, name: string) => fake.calls.filter((c) => c.name === name).map((c) => c.input as Record<string, unknown>);
const savedLabel = `Draft saved ${new Date('2026-11-29T10:42:00.000Z').toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;

test('a draft is saved once, a few seconds after typing stops, with a quiet status; Ctrl+S saves at once and replaces it', async () => {
  const fake = renderApp(mailboxHandlers({ saveDraft: savingDrafts() }));
  const dialog = await openComposer();
  type(dialog, 'To', 'bob@example.test');
  type(dialog, 'Subject', 'Plans');
  type(dialog, 'Message', 'Half');
  type(dialog, 'Message', 'Half a thought');
  await wait(AUTOSAVE_MS / 2);
  expect(callsOf(fake, 'saveDraft')).toEqual([]);

  const status = await within(dialog).findByText(savedLabel, {}, { timeout: AUTOSAVE_MS + 2000 });
  expect(status.getAttribute('aria-live')).toBe('polite');
  expect(callsOf(fake, 'saveDraft')).toEqual([
    expect.objectContaining({ to: ['bob@example.test'], subject: 'Plans', text: 'Half a thought', sign: true, encrypt: true, originalEncrypted: false, replaces: null }),
  ]);

  type(dialog, 'Message', 'A whole thought');
  fireEvent.keyDown(within(dialog).getByLabelText('Message'), { key: 's', ctrlKey: true });
  await waitFor(() => expect(callsOf(fake, 'saveDraft')).toHaveLength(2));
  expect(callsOf(fake, 'saveDraft')[1]).toMatchObject({ text: 'A whole thought', replaces: { folder: 'Drafts', uid: 1, uidValidity: '9' } });
  // Nothing changed since: the pause that follows saves nothing more.
  await wait(AUTOSAVE_MS + 300);
  expect(callsOf(fake, 'saveDraft')).toHaveLength(2);
}, 15_000);

test('sending deletes the stored draft; Discard deletes it too', async () => {
  const fake = renderApp(mailboxHandlers({ saveDraft: savingDrafts(), deleteDraft: async () => ({ deleted: true }), sendMessage: async () => ({ messageId: '<x@t>', accepted: [], savedToSent: true }) }));
  let dialog = await openComposer();
  type(dialog, 'To', 'bob@example.test');
  type(dialog, 'Message', 'To be sent');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save draft' }));
  await within(dialog).findByText(savedLabel);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(callsOf(fake, 'deleteDraft')).toEqual([{ accountId: 'acc-1', draft: { folder: 'Drafts', uid: 1, uidValidity: '9' } }]);
  expect(fake.calls.findIndex((c) => c.name === 'deleteDraft')).toBeGreaterThan(fake.calls.findIndex((c) => c.name === 'sendMessage'));

  dialog = await openComposer();
  type(dialog, 'Message', 'Not worth keeping');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save draft' }));
  await within(dialog).findByText(savedLabel);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New message' })).toBeNull());
  expect(callsOf(fake, 'deleteDraft')[1]).toEqual({ accountId: 'acc-1', draft: { folder: 'Drafts', uid: 2, uidValidity: '9' } });
});

test('Close saves the draft; when the save is refused the composer stays open with everything in it', async () => {
  let refuse = true;
  const save = savingDrafts();
  const fake = renderApp(
    mailboxHandlers({
      saveDraft: async () => {
        if (refuse) throw new SealmailError('SMIME_UNAVAILABLE', 'Encrypt is on, but you have no certificate of your own for alice@example.test. The draft is still in the composer.');
        return save();
      },
    }),
  );
  const dialog = await openComposer();
  type(dialog, 'To', 'bob@example.test');
  type(dialog, 'Message', 'Precious words');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
  const alert = await within(dialog).findByRole('alert');
  expect(alert.textContent).toContain('no certificate of your own');
  // The reason is in the alert; the quiet status line only says so.
  expect(within(dialog).getByText('Draft not saved.')).toBeTruthy();
  expect(screen.getByRole('dialog', { name: 'New message' })).toBe(dialog);
  expect((within(dialog).getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Precious words');

  refuse = false;
  fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New message' })).toBeNull());
  expect(callsOf(fake, 'saveDraft')).toHaveLength(2);
});

test('a message of the Drafts folder is continued in the composer, fields and toggles as stored, and saving replaces it', async () => {
  const drafts: Folder = { path: 'Drafts', name: 'Drafts', specialUse: '\\Drafts', unread: 0, total: 1 };
  const opened: OpenedDraft = {
    ref: { folder: 'Drafts', uid: 41, uidValidity: '9' },
    to: ['bob@example.test'],
    cc: [],
    bcc: ['boss@example.test'],
    subject: 'Unfinished',
    text: 'Where was I',
    attachments: [{ filename: 'plan.txt', contentType: 'text/plain', size: 4, base64: 'cGxhbg==' }],
    inReplyTo: null,
    references: [],
    sign: false,
    encrypt: true,
    originalEncrypted: false,
    askedForCertificates: [],
    notice: null,
  };
  const fake = renderApp(
    mailboxHandlers({
      listFolders: async () => [...folders, drafts],
      listMessages: async ({ folder, offset }) => (folder === 'Drafts' ? { messages: [summary(41, { subject: 'Unfinished' })], total: 1, offset } : { messages: [], total: 0, offset }),
      openMessage: async ({ uid }) => view(uid, { folder: 'Drafts', subject: 'Unfinished' }),
      openDraft: async () => opened,
      saveDraft: async () => ({ ref: { folder: 'Drafts', uid: 42, uidValidity: '9' }, savedAt: '2026-11-29T10:42:00.000Z', encrypted: true }),
    }),
  );
  fireEvent.click(await screen.findByRole('button', { name: /^Drafts/ }));
  fireEvent.click(await screen.findByRole('option', { name: /Unfinished/ }));
  const bar = await screen.findByRole('region', { name: 'Draft' });
  fireEvent.click(within(bar).getByRole('button', { name: 'Continue editing' }));

  const dialog = await screen.findByRole('dialog', { name: 'Draft' });
  expect(callsOf(fake, 'openDraft')).toEqual([{ accountId: 'acc-1', folder: 'Drafts', uid: 41 }]);
  expect(within(within(dialog).getByRole('list', { name: 'Bcc recipients' })).getByText('boss@example.test')).toBeTruthy();
  expect((within(dialog).getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Where was I');
  expect(within(dialog).getByRole('list', { name: 'Attached files' }).textContent).toContain('plan.txt');
  expect(within(dialog).getByRole('button', { name: 'Sign' }).getAttribute('aria-pressed')).toBe('false');
  expect(within(dialog).getByRole('button', { name: 'Encrypt' }).getAttribute('aria-pressed')).toBe('true');

  type(dialog, 'Message', 'Where was I? Here.');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Save draft' }));
  await waitFor(() => expect(callsOf(fake, 'saveDraft')).toHaveLength(1));
  expect(callsOf(fake, 'saveDraft')[0]).toMatchObject({ bcc: ['boss@example.test'], sign: false, encrypt: true, replaces: opened.ref, attachments: [{ filename: 'plan.txt', contentType: 'text/plain', base64: 'cGxhbg==' }] });
});

test('switching account with unsaved changes saves them on the way out; Discard saves nothing', async () => {
  const other = { ...account, id: 'acc-2', address: 'alice@work.example.test' };
  const fake = renderApp(mailboxHandlers({ listAccounts: async () => [account, other], saveDraft: savingDrafts() }));
  let dialog = await openComposer();
  type(dialog, 'Message', 'Thrown away');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Discard' }));
  await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New message' })).toBeNull());

  dialog = await openComposer();
  type(dialog, 'Message', 'Kept while switching');
  fireEvent.change(screen.getByRole('combobox', { name: 'Account' }), { target: { value: 'acc-2' } });
  await waitFor(() => expect(callsOf(fake, 'saveDraft')).toHaveLength(1));
  expect(callsOf(fake, 'saveDraft')[0]).toMatchObject({ accountId: 'acc-1', text: 'Kept while switching' });
});

test('a refused autosave says why in the quiet status line, without an alert, and keeps the text', async () => {
  renderApp(
    mailboxHandlers({
      saveDraft: async () => {
        throw new SealmailError('SMIME_UNAVAILABLE', 'Encrypt is on, but you have no certificate of your own for alice@example.test.');
      },
    }),
  );
  const dialog = await openComposer();
  type(dialog, 'Message', 'Still here');
  const status = await within(dialog).findByText(/^Draft not saved: Encrypt is on, but you have no certificate of your own/, {}, { timeout: AUTOSAVE_MS + 2000 });
  expect(status.getAttribute('aria-live')).toBe('polite');
  expect(within(dialog).queryByRole('alert')).toBeNull();
  expect((within(dialog).getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Still here');
}, 10_000);
