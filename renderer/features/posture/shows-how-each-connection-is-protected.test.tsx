import { fireEvent, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { AccountPosture } from '../../../shared/transport-types';
import { mailboxHandlers, renderApp } from '../../test/fixtures';

const certificate = {
  subject: 'CN=imap.example.test',
  issuer: 'O=Example CA, CN=Example Issuing CA',
  fingerprint256: 'AB:'.repeat(31) + 'CD',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: '2027-01-01T00:00:00.000Z',
};

const posture: AccountPosture = {
  accountId: 'acc-1',
  checkedAt: '2026-11-29T01:00:00.000Z',
  imap: {
    ok: true,
    posture: { protocol: 'imap', host: 'imap.example.test', port: 993, security: 'tls', tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', certificate, trust: 'ca' },
  },
  smtp: {
    ok: false,
    error: { code: 'CERT_CHANGED', message: 'The certificate of smtp.example.test changed since you trusted it. Sealmail sent nothing.', certificate: { ...certificate, subject: 'CN=smtp.example.test' } },
  },
};

test('the posture panel shows how each connection is protected, and why one is broken', async () => {
  const fake = renderApp(mailboxHandlers({ accountPosture: async () => posture }));
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));

  const panel = await screen.findByRole('dialog', { name: 'Connection security of alice@example.test' });
  const imap = await within(panel).findByRole('region', { name: 'Incoming mail (IMAP)' });
  expect(imap.textContent).toContain('Implicit TLS');
  expect(imap.textContent).toContain('TLSv1.3');
  expect(imap.textContent).toContain('TLS_AES_256_GCM_SHA384');
  expect(imap.textContent).toContain('O=Example CA, CN=Example Issuing CA');
  expect(imap.textContent).toContain('Vouched for by a trusted certificate authority');

  const smtp = within(panel).getByRole('region', { name: 'Outgoing mail (SMTP)' });
  expect(within(smtp).getByRole('alert').textContent).toMatch(/changed since you trusted it/);
  expect(smtp.textContent).toContain('CN=smtp.example.test');

  fireEvent.click(within(panel).getByRole('button', { name: 'Check again' }));
  await within(panel).findByRole('region', { name: 'Incoming mail (IMAP)' });
  expect(fake.calls.filter((c) => c.name === 'accountPosture').map((c) => c.input)).toEqual([{ accountId: 'acc-1' }, { accountId: 'acc-1' }]);

  fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
  expect(screen.queryByRole('dialog', { name: /Connection security/ })).toBeNull();
});

test('STARTTLS and a pinned certificate are said as such', async () => {
  const starttls: AccountPosture = {
    ...posture,
    smtp: { ok: true, posture: { protocol: 'smtp', host: 'smtp.example.test', port: 587, security: 'starttls', tlsVersion: 'TLSv1.2', cipher: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', certificate, trust: 'pinned' } },
  };
  renderApp(mailboxHandlers({ accountPosture: async () => starttls }));
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));
  const smtp = await screen.findByRole('region', { name: 'Outgoing mail (SMTP)' });
  expect(smtp.textContent).toContain('STARTTLS (required before anything else is sent)');
  expect(smtp.textContent).toContain('Pinned: you trusted this exact certificate');
});

test('a changed certificate can be reviewed and pinned again, only through the explicit dialog', async () => {
  const changed = { ...certificate, subject: 'CN=smtp.example.test', fingerprint256: 'EF:'.repeat(31) + '01', pinnable: true, server: { host: 'smtp.example.test', port: 465 } };
  let pinned = false;
  const fake = renderApp(
    mailboxHandlers({
      accountPosture: async () =>
        pinned
          ? { ...posture, smtp: { ok: true, posture: { protocol: 'smtp', host: 'smtp.example.test', port: 465, security: 'tls', tlsVersion: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', certificate: changed, trust: 'pinned' } } }
          : { ...posture, smtp: { ok: false, error: { code: 'CERT_CHANGED', message: 'The certificate of smtp.example.test changed since you trusted it.', certificate: changed } } },
      pinCertificate: async () => {
        pinned = true;
        return { id: 'acc-1', address: 'alice@example.test', displayName: '', imap: { host: 'imap.example.test', port: 993 }, smtp: { host: 'smtp.example.test', port: 465, pinnedFingerprint256: changed.fingerprint256 } };
      },
    }),
  );
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Review this certificate…' }));

  const dialog = await screen.findByRole('alertdialog', { name: 'Trust this certificate for smtp.example.test?' });
  expect(dialog.textContent).toContain(changed.fingerprint256);
  fireEvent.click(within(dialog).getByRole('button', { name: 'Trust this certificate' }));

  const smtp = await screen.findByRole('region', { name: 'Outgoing mail (SMTP)' });
  await within(smtp).findByText('Pinned: you trusted this exact certificate');
  expect(fake.calls.find((c) => c.name === 'pinCertificate')?.input).toEqual({ accountId: 'acc-1', protocol: 'smtp', fingerprint256: changed.fingerprint256 });
});

test("the account's security panel leads to its certificates", async () => {
  renderApp(mailboxHandlers({ accountPosture: async () => posture }));
  fireEvent.click(await screen.findByRole('button', { name: 'Connection security' }));
  const panel = await screen.findByRole('dialog', { name: 'Connection security of alice@example.test' });

  fireEvent.click(within(panel).getByRole('button', { name: 'Certificates…' }));

  expect(screen.queryByRole('dialog', { name: /Connection security/ })).toBeNull();
  expect(await screen.findByRole('dialog', { name: /Certificates/ })).toBeTruthy();
});
