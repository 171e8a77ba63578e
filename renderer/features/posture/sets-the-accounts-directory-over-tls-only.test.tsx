import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { SealmailError } from '../../../shared/errors';
import { mailboxHandlers, renderApp } from '../../test/fixtures';

async function openPanel(handlers: Parameters<typeof mailboxHandlers>[0]) {
  const fake = renderApp(mailboxHandlers({ accountPosture: () => new Promise(() => undefined), ...handlers }));
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));
  const form = screen.getByRole('form', { name: 'Directory (LDAP)' });
  return { fake, form };
}

test('the directory is saved with its bind password going to the core, and the panel says so', async () => {
  const { fake, form } = await openPanel({
    setAccountDirectory: async ({ accountId, directory }) => ({ id: accountId, address: 'alice@example.test', displayName: 'Alice', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 }, ...(directory ? { directory: { url: directory.url, security: directory.security, baseDn: directory.baseDn, bindDn: directory.bindDn } } : {}) }),
  });
  fireEvent.change(within(form).getByLabelText('Directory address'), { target: { value: 'ldaps://ldap.example.test:636' } });
  fireEvent.change(within(form).getByLabelText('Base DN'), { target: { value: 'dc=example,dc=test' } });
  fireEvent.change(within(form).getByLabelText('Bind DN (optional)'), { target: { value: 'cn=reader,dc=example,dc=test' } });
  fireEvent.change(within(form).getByLabelText('Bind password'), { target: { value: 's3cret' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Save directory' }));
  expect(await within(form).findByRole('status')).toHaveProperty('textContent', 'Saved: recipients without a known certificate are looked up there.');
  expect(fake.calls.find((c) => c.name === 'setAccountDirectory')?.input).toEqual({
    accountId: 'acc-1',
    directory: { url: 'ldaps://ldap.example.test:636', security: 'ldaps', baseDn: 'dc=example,dc=test', bindDn: 'cn=reader,dc=example,dc=test', bindPassword: 's3cret' },
  });
  // The password field is emptied once it has gone to the core.
  expect(within(form).getByLabelText('Bind password')).toHaveProperty('value', '');
});

test('a plain ldap:// address without StartTLS is refused in the core’s words and the form keeps what was typed', async () => {
  const { form } = await openPanel({
    setAccountDirectory: async () => {
      throw new SealmailError('INVALID_INPUT', 'ldap://ldap.example.test:389 is a plain LDAP address; Sealmail uses it only with StartTLS required, never in clear.');
    },
  });
  fireEvent.change(within(form).getByLabelText('Directory address'), { target: { value: 'ldap://ldap.example.test:389' } });
  fireEvent.change(within(form).getByLabelText('Base DN'), { target: { value: 'dc=example,dc=test' } });
  fireEvent.click(within(form).getByRole('button', { name: 'Save directory' }));
  expect((await within(form).findByRole('alert')).textContent).toContain('never in clear');
  expect(within(form).getByLabelText('Directory address')).toHaveProperty('value', 'ldap://ldap.example.test:389');
});
