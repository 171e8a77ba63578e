/**
 * STARTTLS as a requirement against Debian's Dovecot (143-style) and Postfix (587-style submission):
 * an account set up that way logs in, reads its folders, sends through submission after STARTTLS,
 * and its posture says STARTTLS; the same ports with implicit TLS are refused in words.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { SealmailApi } from '../../../shared/contract';
import { waitForSubject } from '../../../e2e/support/imap-check';
import { coreOnTestServers, value, type CoreOnTestServers } from '../testing/core-on-test-servers';

const servers = inject('mailServers');
// Bob writes to himself: alice's inbox is counted by other tests running beside this one.
const { bob } = servers.users;
let core: CoreOnTestServers;
let api: SealmailApi;

const settings = (security: 'tls' | 'starttls') => ({
  address: bob.address,
  password: bob.password,
  imap: { host: servers.host, port: servers.imapStarttlsPort, security },
  smtp: { host: servers.host, port: servers.submissionPort, security },
});

beforeAll(async () => {
  core = await coreOnTestServers(servers, 'starttls');
  api = core.api;
});

afterAll(async () => {
  await core.close();
});

it('refuses implicit TLS on the STARTTLS ports, saying the server did not answer with TLS', async () => {
  const result = await api.addAccount(settings('tls'));
  expect(result).toMatchObject({ ok: false, error: { code: 'TLS_REQUIRED', message: expect.stringMatching(/did not answer with TLS/) } });
  expect(value(await api.listAccounts({}))).toEqual([]);
});

it('sets up, reads and sends with STARTTLS required, and shows it in the posture', async () => {
  const account = value(await api.addAccount(settings('starttls')));
  expect(account.imap).toMatchObject({ security: 'starttls' });

  const folders = value(await api.listFolders({ accountId: account.id }));
  expect(folders.map((folder) => folder.path)).toContain('INBOX');

  const subject = `Over STARTTLS ${Date.now()}`;
  const sent = await api.sendMessage({ accountId: account.id, to: [bob.address], subject, text: 'Submitted after STARTTLS.' });
  expect(sent).toMatchObject({ ok: true });
  expect(await waitForSubject(servers, bob, subject)).toBe(true);

  const posture = value(await api.accountPosture({ accountId: account.id }));
  expect(posture.imap).toMatchObject({ ok: true, posture: { security: 'starttls', trust: 'ca', certificate: { subject: 'CN=mail.example.test' } } });
  expect(posture.smtp).toMatchObject({ ok: true, posture: { security: 'starttls', trust: 'ca' } });
});
