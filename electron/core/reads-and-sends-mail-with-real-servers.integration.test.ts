/**
 * The walking skeleton's core, end to end against Debian's Dovecot and Postfix over TLS, trusting
 * only the test CA: set up an account, list folders and messages, open one, send one.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account } from '../../shared/domain';
import { SEEDED_MESSAGES } from '../../e2e/servers/mail-servers';
import { waitForSubject } from '../../e2e/support/imap-check';
import { createCore } from './create-core';
import { MemorySecretStore } from './ports';
import { accountSettings, coreOnTestServers, value, type CoreOnTestServers } from './testing/core-on-test-servers';
import { inProcessApi } from './testing/in-process-api';
import type { SealmailApi } from '../../shared/contract';

const servers = inject('mailServers');
const { alice, bob } = servers.users;
let profileDir: string;
let core: CoreOnTestServers;
let api: SealmailApi;
let account: Account;

const aliceSettings = (password = alice.password) => accountSettings(servers, alice, { displayName: 'Alice Example', password });

beforeAll(async () => {
  core = await coreOnTestServers(servers, 'integration');
  ({ api, profileDir } = core);
  account = value(await api.addAccount(aliceSettings()));
});

afterAll(async () => {
  await core.close();
});

describe('with the real Dovecot and Postfix', () => {
  it('saves the account after both servers accepted it, without its password', async () => {
    expect(account).toMatchObject({ address: alice.address, displayName: 'Alice Example' });
    expect(value(await api.listAccounts({}))).toEqual([account]);
    expect(JSON.stringify(account)).not.toContain(alice.password);
  });

  it('refuses a wrong password with AUTH_FAILED and saves nothing', async () => {
    const other = createCore({ profileDir: join(profileDir, 'other'), secrets: new MemorySecretStore(), extraTrustAnchors: [servers.caCertPem] });
    const result = await inProcessApi(other).addAccount(aliceSettings('wrong password'));
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(value(await inProcessApi(other).listAccounts({}))).toEqual([]);
    await other.close();
  });

  it('refuses the real server when its CA is not trusted', async () => {
    const other = createCore({ profileDir: join(profileDir, 'untrusting'), secrets: new MemorySecretStore() });
    const result = await inProcessApi(other).testAccount(aliceSettings());
    expect(result).toMatchObject({ ok: false, error: { code: 'CERT_UNTRUSTED' } });
    await other.close();
  });

  it('lists the folders with Inbox first and its counts', async () => {
    const folders = value(await api.listFolders({ accountId: account.id }));
    expect(folders[0]).toMatchObject({ path: 'INBOX', name: 'Inbox', specialUse: '\\Inbox', total: SEEDED_MESSAGES.length });
    expect(folders[0]!.unread).toBe(SEEDED_MESSAGES.filter((message) => !message.seen).length);
  });

  it('lists the seeded inbox newest first, a page at a time', async () => {
    const newestFirst = [...SEEDED_MESSAGES].sort((a, b) => b.date.getTime() - a.date.getTime());
    const first = value(await api.listMessages({ accountId: account.id, folder: 'INBOX', limit: 3 }));
    expect(first.total).toBe(SEEDED_MESSAGES.length);
    expect(first.messages.map((message) => message.subject)).toEqual(newestFirst.slice(0, 3).map((message) => message.subject));

    const second = value(await api.listMessages({ accountId: account.id, folder: 'INBOX', offset: 3, limit: 3 }));
    expect(second.messages.map((message) => message.subject)).toEqual(newestFirst.slice(3, 6).map((message) => message.subject));
  });

  it('opens a message with its attachment listed, and marks it read', async () => {
    const page = value(await api.listMessages({ accountId: account.id, folder: 'INBOX' }));
    const summary = page.messages.find((message) => message.subject === 'Meeting notes attached')!;
    expect(summary.hasAttachments).toBe(true);

    const view = value(await api.openMessage({ accountId: account.id, folder: 'INBOX', uid: summary.uid }));
    expect(view.from).toEqual({ name: 'Bob Example', address: 'bob@example.test' });
    expect(view.text).toContain('Notes from today are attached.');
    expect(view.attachments).toEqual([expect.objectContaining({ filename: 'notes.txt', contentType: 'text/plain' })]);

    const after = value(await api.listMessages({ accountId: account.id, folder: 'INBOX' }));
    expect(after.messages.find((message) => message.uid === summary.uid)?.seen).toBe(true);
  });

  it('opens the hostile newsletter without its script or tracker', async () => {
    const page = value(await api.listMessages({ accountId: account.id, folder: 'INBOX' }));
    const summary = page.messages.find((message) => message.subject === 'Spring newsletter with remote content')!;
    const view = value(await api.openMessage({ accountId: account.id, folder: 'INBOX', uid: summary.uid }));
    expect(view.html).toContain('Spring update');
    expect(view.html).not.toMatch(/<script|onerror|javascript:|tracker\.example/i);
    expect(view.remoteContentBlocked).toBe(true);
  });

  it('sends a message that arrives in bob\'s inbox and keeps a copy in Sent', async () => {
    const subject = `Skeleton test ${Date.now()}`;
    const sent = value(
      await api.sendMessage({ accountId: account.id, to: [bob.address], subject, text: 'Hello Bob, over TLS.' }),
    );
    expect(sent.accepted).toEqual([bob.address]);
    expect(sent.savedToSent).toBe(true);
    expect(await waitForSubject(servers, bob, subject)).toBe(true);
    expect(await waitForSubject(servers, alice, subject, 'Sent')).toBe(true);
  });

  it('reports a recipient the server refuses, in words', async () => {
    const result = await api.sendMessage({
      accountId: account.id,
      to: ['someone@elsewhere.invalid'],
      subject: 'Should not leave',
      text: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'SEND_REJECTED' } });
  });
});
