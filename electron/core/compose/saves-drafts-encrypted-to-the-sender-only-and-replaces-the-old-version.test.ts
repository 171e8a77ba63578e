/**
 * Drafts on the server (issue 6 item 5): with Encrypt on, the stored draft is encrypted to the
 * sender's own certificate only, so `openssl cms` opens it with alice's key and not with bob's,
 * although bob is a recipient with a known certificate; it is not signed, and carries the Bcc and
 * the Sign/Encrypt choices inside. Without a certificate of one's own nothing is stored. Saving
 * again stores the new version and deletes the old one. Real SmimeService over a keystore double,
 * an in-memory Drafts folder.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftLocation } from '../../../shared/compose-types';
import { saveDraftInput, type DraftToSave } from '../../../shared/draft-inputs';
import { SealmailError } from '../../../shared/errors';
import type { Keystore } from '../keystore/keystore';
import { keystoreDouble } from '../smime/testing/keystore-double';
import { silentLogger } from '../ports';
import { SmimeService } from '../smime/smime-service';
import { createSmimeFixture, type SmimeFixture } from '../smime/testing/smime-fixture';
import { openssl, type TestIdentity } from '../smime/testing/test-pki';
import type { DraftMailbox } from './draft-mailbox';
import { DraftService } from './draft-service';

let f: SmimeFixture;

beforeAll(() => {
  f = createSmimeFixture();
}, 120_000);
afterAll(() => f.cleanup());

const keystoreOf = (self: TestIdentity | null, people: TestIdentity[]): Keystore => keystoreDouble(f, self, people);

const lockedKeystore: Keystore = new Proxy({} as Keystore, {
  get: () => async () => {
    throw new SealmailError('KEYSTORE_LOCKED');
  },
});

/** A Drafts folder in memory, numbering UIDs as a server does. */
class MemoryDrafts implements DraftMailbox {
  readonly stored = new Map<number, Buffer>();
  private next = 1;
  failAppend = false;
  async append(_accountId: string, raw: Buffer): Promise<DraftLocation> {
    if (this.failAppend) throw new SealmailError('HOST_UNREACHABLE');
    const uid = this.next++;
    this.stored.set(uid, raw);
    return { folder: 'Drafts', uid, uidValidity: '7' };
  }
  async fetch(_accountId: string, folder: string, uid: number) {
    const raw = this.stored.get(uid);
    if (!raw) throw new SealmailError('NOT_FOUND');
    return { raw, ref: { folder, uid, uidValidity: '7' } };
  }
  async remove(_accountId: string, ref: DraftLocation): Promise<boolean> {
    return ref.uidValidity === '7' && this.stored.delete(ref.uid);
  }
  async close(): Promise<void> {}
}

function service(keystore: Keystore, mailbox: DraftMailbox): DraftService {
  const smime = new SmimeService({ keystore, clock: f.clock, revocation: null });
  return new DraftService({
    accounts: { get: async () => ({ id: 'acc-alice', address: 'alice@example.test', displayName: 'Alice', imap: { host: 'h', port: 993 }, smtp: { host: 'h', port: 465 } }) },
    mailbox,
    crypto: {
      read: (raw) => smime.read(raw),
      hasOwnCertificate: async (accountId, address) => (await keystore.identityForAccount(accountId, address)) !== null,
      encryptToSelf: (entity, accountId, address) => smime.protect(entity, { accountId, from: address, recipients: [], sign: false, encrypt: true }),
    },
    clock: f.clock,
    logger: silentLogger,
  });
}

function draft(fields: Partial<DraftToSave> = {}): DraftToSave {
  return saveDraftInput.parse({
    accountId: 'acc-alice',
    to: ['bob@example.test'],
    bcc: ['boss@example.test'],
    subject: 'Quarterly plan',
    text: 'The secret plan, first version.\nAlice',
    attachments: [{ filename: 'plan.txt', contentType: 'text/plain', base64: Buffer.from('attached secret').toString('base64') }],
    sign: true,
    encrypt: true,
    ...fields,
  });
}

function decryptWith(who: TestIdentity, raw: Buffer): string {
  const file = f.pki.path(`draft-${who.keyType}-${Date.now()}-${Math.random().toString(36).slice(2)}.eml`);
  writeFileSync(file, raw);
  return openssl(['cms', '-decrypt', '-in', file, '-recip', who.certPath, '-inkey', who.keyPath]).toString('utf8');
}

describe('saving a draft with Encrypt on', () => {
  it('encrypts it to the sender only: openssl opens it with alice\'s key, not with bob\'s, and it is not signed', async () => {
    const drafts = new MemoryDrafts();
    const saved = await service(keystoreOf(f.alice, [f.bob]), drafts).save(draft());
    expect(saved).toMatchObject({ ref: { folder: 'Drafts', uid: 1, uidValidity: '7' }, encrypted: true });
    const raw = drafts.stored.get(1)!;
    const text = raw.toString('latin1');
    expect(text).toMatch(/^Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/m);
    // The subject is protected as on sent mail (RFC 9788): a placeholder outside, the real one inside.
    expect(text).toMatch(/^Subject: \[\.\.\.\]\r$/m);
    for (const secret of ['Quarterly plan', 'secret plan', 'boss@example.test', 'plan.txt', 'attached secret', 'X-Sealmail-Draft-Options']) expect(text).not.toContain(secret);

    const inside = decryptWith(f.alice, raw);
    expect(inside).toContain('The secret plan, first version.');
    expect(inside).toMatch(/^Subject: Quarterly plan/m);
    expect(inside).toMatch(/hp="cipher"/);
    expect(inside).toMatch(/^Bcc: boss@example\.test/m);
    expect(inside).toMatch(/^X-Sealmail-Draft-Options: sign=yes; encrypt=yes; original=plain/m);
    expect(inside).not.toMatch(/multipart\/signed|signed-data/);
    expect(() => decryptWith(f.bob, raw)).toThrow();
  });

  it('reopens it decrypted, with every field and the Sign and Encrypt choices as they were', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(f.alice, [f.bob]), drafts);
    await drafting.save(draft({ cc: ['carol@example.test'], sign: false, originalEncrypted: true, inReplyTo: '<orig@example.test>', references: ['<root@example.test>', '<orig@example.test>'] }));
    const opened = await drafting.open('acc-alice', 'Drafts', 1);
    expect(opened).toMatchObject({
      ref: { folder: 'Drafts', uid: 1, uidValidity: '7' },
      to: ['bob@example.test'],
      cc: ['carol@example.test'],
      bcc: ['boss@example.test'],
      subject: 'Quarterly plan',
      text: 'The secret plan, first version.\nAlice',
      inReplyTo: '<orig@example.test>',
      references: ['<root@example.test>', '<orig@example.test>'],
      sign: false,
      encrypt: true,
      originalEncrypted: true,
      notice: null,
    });
    expect(opened.attachments).toEqual([{ filename: 'plan.txt', contentType: 'text/plain', size: 15, base64: Buffer.from('attached secret').toString('base64') }]);
  });

  it('refuses and stores nothing when the sender has no certificate of their own', async () => {
    const drafts = new MemoryDrafts();
    const attempt = service(keystoreOf(null, [f.bob]), drafts).save(draft());
    await expect(attempt).rejects.toMatchObject({ code: 'SMIME_UNAVAILABLE', message: expect.stringMatching(/no certificate of your own for alice@example\.test.*still in the composer/) });
    expect(drafts.stored.size).toBe(0);
  });

  it('refuses while the certificates are locked, saying to unlock them', async () => {
    const drafts = new MemoryDrafts();
    await expect(service(lockedKeystore, drafts).save(draft())).rejects.toMatchObject({ code: 'KEYSTORE_LOCKED', message: expect.stringContaining('Unlock them under Certificates') });
    expect(drafts.stored.size).toBe(0);
  });

  it('says why an encrypted draft cannot be reopened while the certificates are locked', async () => {
    const drafts = new MemoryDrafts();
    await service(keystoreOf(f.alice, []), drafts).save(draft());
    await expect(service(lockedKeystore, drafts).open('acc-alice', 'Drafts', 1)).rejects.toMatchObject({ code: 'KEYSTORE_LOCKED' });
  });
});

describe('saving a draft with Encrypt off', () => {
  it('stores it as it is, without a certificate, and reopens it with Encrypt off', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(null, []), drafts);
    const saved = await drafting.save(draft({ to: [], encrypt: false, sign: false }));
    expect(saved.encrypted).toBe(false);
    expect(drafts.stored.get(1)!.toString('latin1')).toContain('The secret plan, first version.');
    expect(await drafting.open('acc-alice', 'Drafts', 1)).toMatchObject({ to: [], bcc: ['boss@example.test'], sign: false, encrypt: false });
  });
});

describe('saving an answer to encrypted mail with Encrypt off', () => {
  it('still stores it encrypted to the sender, and reopens it with Encrypt off as it was left', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(f.alice, []), drafts);
    const saved = await drafting.save(draft({ encrypt: false, sign: false, originalEncrypted: true, text: '> the decrypted quote' }));
    expect(saved.encrypted).toBe(true);
    const text = drafts.stored.get(1)!.toString('latin1');
    expect(text).toMatch(/^Content-Type: application\/pkcs7-mime/m);
    expect(text).not.toContain('decrypted quote');
    expect(await drafting.open('acc-alice', 'Drafts', 1)).toMatchObject({ text: '> the decrypted quote', sign: false, encrypt: false, originalEncrypted: true });
  });

  it('is refused, storing nothing, without a certificate of one\'s own', async () => {
    const drafts = new MemoryDrafts();
    await expect(service(keystoreOf(null, []), drafts).save(draft({ encrypt: false, originalEncrypted: true }))).rejects.toMatchObject({ code: 'SMIME_UNAVAILABLE', message: expect.stringContaining('This draft quotes encrypted mail') });
    expect(drafts.stored.size).toBe(0);
  });
});

describe('replacing a draft', () => {
  it('stores the new version, then deletes the one it replaces', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(f.alice, [f.bob]), drafts);
    const first = await drafting.save(draft());
    const second = await drafting.save(draft({ text: 'Second version', replaces: first.ref }));
    expect([...drafts.stored.keys()]).toEqual([second.ref.uid]);
    expect((await drafting.open('acc-alice', 'Drafts', second.ref.uid)).text).toBe('Second version');
  });

  it('keeps the text exactly as typed, line ends at the end included', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(f.alice, []), drafts);
    for (const text of ['', 'no line end', 'one line end\n', 'two\n\n']) {
      const saved = await drafting.save(draft({ text }));
      expect((await drafting.open('acc-alice', 'Drafts', saved.ref.uid)).text).toBe(text);
    }
  });

  it('keeps the old version when the new one could not be stored', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(f.alice, [f.bob]), drafts);
    const first = await drafting.save(draft());
    drafts.failAppend = true;
    await expect(drafting.save(draft({ text: 'Lost?', replaces: first.ref }))).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect([...drafts.stored.keys()]).toEqual([first.ref.uid]);
  });

  it('deletes nothing when the reference comes from another UIDVALIDITY', async () => {
    const drafts = new MemoryDrafts();
    const drafting = service(keystoreOf(f.alice, [f.bob]), drafts);
    const first = await drafting.save(draft());
    await drafting.save(draft({ replaces: { ...first.ref, uidValidity: '8' } }));
    expect(drafts.stored.size).toBe(2);
  });
});
