/**
 * Flag changes, moves, deletes and archiving through the whole core against the real Dovecot:
 * the list changes at once, the server after the Undo window; Undo takes a change back; a refusal
 * is rolled back and said; offline, commands wait (on disk) until the server is back, even across
 * a restart with a damaged message store.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { SealmailApi } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import type { CommandFailed } from '../../../shared/mail-types';
import { seedGeneratedFolder } from '../../../e2e/servers/seed-generated';
import { createCore, type Core } from '../create-core';
import { MemorySecretStore } from '../ports';
import { startCuttableProxy, type CuttableProxy } from '../sync/testing/cuttable-proxy';
import { otherClient, plainMessage, serverFlags } from '../sync/testing/imap-fixtures';
import { accountSettings, value } from '../testing/core-on-test-servers';
import { inProcessApi } from '../testing/in-process-api';

const servers = inject('mailServers');
const folder = `Commands${process.pid}`;
const UNDO_MS = 400;
let proxy: CuttableProxy;
let other: ImapFlow;
let profileDir: string;
let secrets: MemorySecretStore;
let core: Core;
let api: SealmailApi;
let account: Account;

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startCore(): void {
  core = createCore({ profileDir, secrets, extraTrustAnchors: [servers.caCertPem], mailTimings: { undoMs: UNDO_MS, retryMs: 200, pollMs: 60_000 } });
  api = inProcessApi(core);
}

const list = async () => value(await api.listMessages({ accountId: account.id, folder, limit: 100 })).messages;
const onServer = async (uid: number) => (await serverFlags(other, folder)).find((m) => m.uid === uid);

beforeAll(async () => {
  await seedGeneratedFolder(servers, folder, 20, { seed: 5 });
  proxy = await startCuttableProxy(servers.imapPort);
  other = await otherClient(servers);
  profileDir = await mkdtemp(join(tmpdir(), 'sealmail-commands-'));
  secrets = new MemorySecretStore();
  startCore();
  account = value(
    await api.addAccount(accountSettings(servers, servers.users.alice, { imapPort: proxy.port })),
  );
  value(await api.syncFolder({ accountId: account.id, folder }));
});

afterAll(async () => {
  await core.close();
  await proxy.close();
  await other.mailboxDelete(folder).catch(() => undefined);
  await other.logout();
  await rm(profileDir, { recursive: true, force: true });
});

test('a flag change shows at once and reaches the server after the Undo window', async () => {
  const receipt = value(await api.setFlags({ accountId: account.id, folder, uids: [1], flag: 'flagged', value: true }));
  expect(Date.parse(receipt.undoUntil)).toBeGreaterThan(Date.now());
  expect((await list()).find((m) => m.uid === 1)?.flagged).toBe(true);
  expect((await onServer(1))?.flagged).toBe(false);
  await until(async () => (await onServer(1))?.flagged === true);
});

test('Undo within the window takes the change back; the server never sees it', async () => {
  const before = (await onServer(2))!.seen;
  const receipt = value(await api.setFlags({ accountId: account.id, folder, uids: [2], flag: 'seen', value: !before }));
  expect((await list()).find((m) => m.uid === 2)?.seen).toBe(!before);
  value(await api.undoCommand({ commandId: receipt.commandId }));
  expect((await list()).find((m) => m.uid === 2)?.seen).toBe(before);
  await new Promise((resolve) => setTimeout(resolve, UNDO_MS * 3));
  expect((await onServer(2))?.seen).toBe(before);
  expect(await api.undoCommand({ commandId: receipt.commandId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('a move the server refuses is rolled back and explained', async () => {
  const failed = new Promise<CommandFailed>((resolve) => api.on('commandFailed', resolve));
  // Dovecot refuses to create a mailbox with a name this long.
  value(await api.moveMessages({ accountId: account.id, folder, uids: [3], destination: 'x'.repeat(900) }));
  expect((await list()).some((m) => m.uid === 3)).toBe(false);
  const failure = await failed;
  expect(failure.message).toMatch(/^Moving 1 message to x+ failed and was undone/);
  expect((await list()).some((m) => m.uid === 3)).toBe(true);
});

test('offline, an archive waits on disk, survives a restart with a damaged store, and reaches the server', async () => {
  proxy.setOffline(true);
  value(await api.archiveMessages({ accountId: account.id, folder, uids: [4] }));
  expect((await list()).some((m) => m.uid === 4)).toBe(false);
  await new Promise((resolve) => setTimeout(resolve, UNDO_MS * 3));
  expect(await onServer(4)).toBeDefined();
  expect(await readFile(join(profileDir, 'commands.json'), 'utf8')).toContain('"destination":"Archive"');

  // Cached mail stays readable offline.
  expect((await list()).length).toBe(19);

  await core.close();
  await writeFile(join(profileDir, 'store.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
  startCore();
  const notices: string[] = [];
  core.subscribe((event, payload) => {
    if (event === 'mailNotice') notices.push((payload as { message: string }).message);
  });
  proxy.setOffline(false);
  value(await api.syncFolder({ accountId: account.id, folder }));
  expect(notices.join(' ')).toMatch(/rebuilt its message store because the message store was damaged/);
  // The rebuilt store still hides the archived message: the queued command was kept.
  expect((await list()).some((m) => m.uid === 4)).toBe(false);
  await until(async () => (await onServer(4)) === undefined);
  const archive = await serverFlags(other, 'Archive');
  expect(archive.length).toBeGreaterThan(0);
});

test('new mail arrives within seconds through IDLE, without polling', async () => {
  const changed = new Promise<void>((resolve) =>
    api.on('messagesChanged', (change) => {
      if (change.folder === folder) resolve();
    }),
  );
  await other.append(folder, plainMessage('Pushed by IDLE'), []);
  const started = Date.now();
  await changed;
  await until(async () => (await list()).some((m) => m.subject === 'Pushed by IDLE'), 5000);
  expect(Date.now() - started).toBeLessThan(5000);
});
