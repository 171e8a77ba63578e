import { act, fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ComposeReadiness } from '../../shared/compose-types';
import { mailboxHandlers, renderApp } from './fixtures';

function type(dialog: HTMLElement, label: string, value: string) {
  fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

const ready = (known: string[]) => async ({ recipients }: { recipients: string[] }): Promise<ComposeReadiness> => ({
  sign: { available: true, reason: null },
  encrypt: { available: true, reason: null },
  recipients: recipients.map((address) => ({ address, certificate: known.includes(address) ? 'known' : 'missing' })),
});

async function openComposer() {
  fireEvent.click(await screen.findByRole('button', { name: 'Compose' }));
  return screen.getByRole('dialog', { name: 'New message' });
}

test('Sign and Encrypt are pressed for every new message', async () => {
  renderApp(mailboxHandlers());
  const dialog = await openComposer();
  expect(within(dialog).getByRole('button', { name: 'Sign' }).getAttribute('aria-pressed')).toBe('true');
  expect(within(dialog).getByRole('button', { name: 'Encrypt' }).getAttribute('aria-pressed')).toBe('true');
});

test('a recipient without a certificate stops Send, and the user chooses to remove them', async () => {
  const fake = renderApp(mailboxHandlers({ composeReadiness: ready(['bob@example.test']), sendMessage: async () => ({ messageId: '<x@t>', accepted: [], savedToSent: true }) }));
  const dialog = await openComposer();
  type(dialog, 'To', 'bob@example.test, carol@example.test,');
  type(dialog, 'Message', 'Secret plans.');
  // Each chip says whether a certificate is known.
  await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
  const chips = within(dialog).getByRole('list', { name: 'To recipients' });
  expect(within(chips).getByText('bob@example.test').closest('li')?.textContent).toContain('certificate known');
  expect(within(chips).getByText('carol@example.test').closest('li')?.textContent).toContain('no certificate');

  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  const refusal = await within(dialog).findByRole('alert');
  expect(refusal.textContent).toContain('no certificate is known for carol@example.test');
  expect(fake.calls.some((c) => c.name === 'sendMessage')).toBe(false);

  fireEvent.click(within(refusal).getByRole('button', { name: 'Remove recipients without a certificate' }));
  expect(within(chips).queryByText('carol@example.test')).toBeNull();
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(fake.calls.find((c) => c.name === 'sendMessage')?.input).toMatchObject({ to: ['bob@example.test'], sign: true, encrypt: true });
});

test('turning encryption off for this message is an explicit choice, and Sign stays on', async () => {
  const fake = renderApp(mailboxHandlers({ composeReadiness: ready([]), sendMessage: async () => ({ messageId: '<x@t>', accepted: [], savedToSent: true }) }));
  const dialog = await openComposer();
  type(dialog, 'To', 'carol@example.test');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  const refusal = await within(dialog).findByRole('alert');
  expect(within(refusal).queryByRole('button', { name: 'Remove recipients without a certificate' })).toBeNull();
  fireEvent.click(within(refusal).getByRole('button', { name: 'Turn encryption off for this message' }));
  expect(within(dialog).getByRole('button', { name: 'Encrypt' }).getAttribute('aria-pressed')).toBe('false');
  expect(fake.calls.some((c) => c.name === 'sendMessage')).toBe(false);

  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  expect(fake.calls.find((c) => c.name === 'sendMessage')?.input).toMatchObject({ sign: true, encrypt: false });
});

test('files are attached by the picker and sent as base64', async () => {
  const fake = renderApp(mailboxHandlers({ sendMessage: async () => ({ messageId: '<x@t>', accepted: [], savedToSent: true }) }));
  const dialog = await openComposer();
  type(dialog, 'To', 'bob@example.test');
  const picker = within(dialog).getByLabelText('Choose files to attach') as HTMLInputElement;
  const file = new File(['hello file'], 'hello.txt', { type: 'text/plain' });
  fireEvent.change(picker, { target: { files: [file] } });
  const list = await within(dialog).findByRole('list', { name: 'Attached files' });
  expect(list.textContent).toContain('hello.txt');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Sign' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Encrypt' }));
  fireEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
  await screen.findByText('Message sent');
  const sent = fake.calls.find((c) => c.name === 'sendMessage')?.input as { attachments: { filename: string; base64: string }[] };
  expect(sent.attachments).toEqual([{ filename: 'hello.txt', contentType: 'text/plain', base64: btoa('hello file') }]);
});

test('files dropped on the composer are attached, and the total size is capped with a clear reason', async () => {
  renderApp(mailboxHandlers());
  const dialog = await openComposer();
  const small = new File(['dropped'], 'dropped.txt', { type: 'text/plain' });
  fireEvent.dragOver(dialog, { dataTransfer: { types: ['Files'], files: [small] } });
  fireEvent.drop(dialog, { dataTransfer: { types: ['Files'], files: [small] } });
  expect((await within(dialog).findByRole('list', { name: 'Attached files' })).textContent).toContain('dropped.txt');

  const huge = new File(['x'], 'huge.bin');
  Object.defineProperty(huge, 'size', { value: 30 * 1024 * 1024 });
  fireEvent.drop(dialog, { dataTransfer: { types: ['Files'], files: [huge] } });
  expect((await within(dialog).findByRole('alert')).textContent).toMatch(/add up to 20 MB.*Nothing was added/);
  expect(within(dialog).getByRole('list', { name: 'Attached files' }).textContent).not.toContain('huge.bin');
});
