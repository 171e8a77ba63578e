/**
 * Drafts through the whole core against the real Dovecot, as bob with his certificate imported:
 * a draft saved with Encrypt on lands in Drafts flagged \Draft and \Seen as an enveloped message
 * without its text in clear, which `openssl cms` opens with bob's key; saving again replaces it
 * (the old UID is expunged); it reopens decrypted; deleting removes it; and a message that is not a
 * draft is never deleted through a draft reference.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SealmailApi } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import { appendMessages, withClient } from '../../../e2e/support/mailbox';
import { openssl, TestPki, type TestIdentity } from '../smime/testing/test-pki';
import { accountSettings, coreOnTestServers, importTestIdentity, value, type CoreOnTestServers } from '../testing/core-on-test-servers';

const servers = inject('mailServers');
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const subject = `Draft in progress ${run}`;

let pki: TestPki;
let bobId: TestIdentity;
let core: CoreOnTestServers;
let api: SealmailApi;
let account: Account;

/** The stored message at `uid` in Drafts: source and flags, or null when it is gone. */
function stored(uid: number): Promise<{ source: string; flags: string[] } | null> {
  return withClient(servers, bob, async (client) => {
    const lock = await client.getMailboxLock('Drafts');
    try {
      const message = await client.fetchOne(String(uid), { source: true, flags: true }, { uid: true });
      return message && message.source ? { source: message.source.toString('latin1'), flags: [...(message.flags ?? [])] } : null;
    } finally {
      lock.release();
    }
  });
}

beforeAll(async () => {
  pki = new TestPki();
  const ca = pki.createCa('ca');
  bobId = pki.issue(ca, bob.address, { keyType: 'rsa' });
  core = await coreOnTestServers(servers, 'drafts-integration');
  api = core.api;
  account = value(await api.addAccount(accountSettings(servers, bob, { displayName: 'Bob Example' })));
  await importTestIdentity(api, pki, bobId, ca);
}, 120_000);

afterAll(async () => {
  await core?.close();
  pki?.cleanup();
});

describe('drafts on the real server', () => {
  it('stores an encrypted draft, replaces it, reopens it decrypted and deletes it', async () => {
    const first = value(await api.saveDraft({ accountId: account.id, to: [alice.address], bcc: ['hidden@example.test'], subject, text: `First words ${run}`, sign: true, encrypt: true }));
    expect(first).toMatchObject({ ref: { folder: 'Drafts' }, encrypted: true });
    const copy = await stored(first.ref.uid);
    expect(copy?.flags).toEqual(expect.arrayContaining(['\\Draft', '\\Seen']));
    expect(copy?.source).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
    expect(copy?.source).not.toContain(`First words ${run}`);
    expect(copy?.source).not.toContain('hidden@example.test');
    const file = pki.path(`draft-${run}.eml`);
    writeFileSync(file, copy!.source, 'latin1');
    expect(openssl(['cms', '-decrypt', '-in', file, '-recip', bobId.certPath, '-inkey', bobId.keyPath]).toString('utf8')).toContain(`First words ${run}`);

    const second = value(await api.saveDraft({ accountId: account.id, to: [alice.address], subject, text: `Second words ${run}`, sign: false, encrypt: true, replaces: first.ref }));
    expect(second.ref.uid).not.toBe(first.ref.uid);
    expect(await stored(first.ref.uid)).toBeNull();

    const opened = value(await api.openDraft({ accountId: account.id, folder: second.ref.folder, uid: second.ref.uid }));
    expect(opened).toMatchObject({ ref: second.ref, to: [alice.address], subject, text: `Second words ${run}`, sign: false, encrypt: true });

    expect(value(await api.deleteDraft({ accountId: account.id, draft: second.ref }))).toEqual({ deleted: true });
    expect(await stored(second.ref.uid)).toBeNull();
  });

  it('never deletes a message that is not a draft through a draft reference', async () => {
    const marker = `Not a draft ${run}`;
    await appendMessages(servers, bob, [`From: ${alice.address}\nTo: ${bob.address}\nSubject: ${marker}\n\nkeep me\n`]);
    const where = await withClient(servers, bob, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const found = (await client.search({ subject: marker }, { uid: true })) || [];
        return { uid: found[found.length - 1]!, uidValidity: client.mailbox ? client.mailbox.uidValidity.toString() : '' };
      } finally {
        lock.release();
      }
    });
    const result = value(await api.deleteDraft({ accountId: account.id, draft: { folder: 'INBOX', uid: where.uid, uidValidity: where.uidValidity } }));
    expect(result).toEqual({ deleted: false });
    const still = await withClient(servers, bob, async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        return (await client.search({ subject: marker }, { uid: true })) || [];
      } finally {
        lock.release();
      }
    });
    expect(still).toContain(where.uid);
  });
});
