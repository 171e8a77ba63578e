/**
 * S/MIME through the whole core against the real Dovecot and Postfix, as bob: he creates his
 * keystore, imports his .p12 and trusts the test PKI's CA; a message signed by alice opens as valid
 * (and her certificate is collected), a modified copy as invalid, one encrypted to him decrypts;
 * a note to himself, signed and encrypted, goes out and its Sent copy is the encrypted message,
 * which `openssl cms` decrypts and verifies. (It goes to bob, not alice: other tests count alice's
 * inbox; encrypting to other recipients is checked with openssl in the unit test.)
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SealmailApi } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import { appendMessages, sourceByMessageId } from '../../../e2e/support/mailbox';
import { encryptEntity } from '../smime/encrypt-entity';
import { textEntity, withMessageHeaders } from '../smime/mime/compose-entity';
import { signEntity } from '../smime/sign-entity';
import { openssl, TestPki, type TestCa, type TestIdentity } from '../smime/testing/test-pki';
import { accountSettings, coreOnTestServers, importTestIdentity, value, type CoreOnTestServers } from '../testing/core-on-test-servers';

const servers = inject('mailServers');
const { alice, bob } = servers.users;
const run = Date.now().toString(36);
const subjects = { signed: `Signed by alice ${run}`, tampered: `Changed after signing ${run}`, encrypted: `Encrypted to bob ${run}`, reply: `Protected reply ${run}` };

let pki: TestPki;
let ca: TestCa;
let aliceId: TestIdentity;
let bobId: TestIdentity;
let core: CoreOnTestServers;
let api: SealmailApi;
let account: Account;

const clock = { now: () => new Date() };
const headers = (subject: string) => ({ from: alice.address, to: [bob.address], subject, date: new Date() });

beforeAll(async () => {
  pki = new TestPki();
  ca = pki.createCa('ca');
  aliceId = pki.issue(ca, alice.address, { keyType: 'rsa' });
  bobId = pki.issue(ca, bob.address, { keyType: 'ec' });
  const aliceSigner = { key: aliceId.key, certificate: aliceId.certificate, chain: [ca.certificate] };

  const signed = withMessageHeaders(signEntity(textEntity('Signed hello from alice'), aliceSigner, clock), headers(subjects.signed));
  const original = withMessageHeaders(signEntity(textEntity('Pay invoice 1000'), aliceSigner, clock), headers(subjects.tampered)).toString('latin1');
  const tampered = original.replace(Buffer.from('Pay invoice 1000').toString('base64'), Buffer.from('Pay invoice 9000').toString('base64'));
  const withAttachment = Buffer.from(
    [
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'For bob only',
      '--b1',
      'Content-Type: text/plain; name="plan.txt"',
      'Content-Disposition: attachment; filename="plan.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('the secret plan').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
  const encrypted = withMessageHeaders(encryptEntity(withAttachment, [{ certificate: bobId.certificate, capabilities: null }]).entity, headers(subjects.encrypted));
  await appendMessages(servers, bob, [signed.toString('latin1'), tampered, encrypted.toString('latin1')]);

  core = await coreOnTestServers(servers, 'smime-integration');
  api = core.api;
  account = value(await api.addAccount(accountSettings(servers, bob, { displayName: 'Bob Example' })));
  await importTestIdentity(api, pki, bobId, ca);
  value(await api.addAuthority({ fileName: 'ca.pem', data: Buffer.from(ca.certPem).toString('base64'), password: '', fingerprint256: ca.certificate.x509.fingerprint256 }));
}, 120_000);

afterAll(async () => {
  await core?.close();
  pki?.cleanup();
});

async function open(subject: string) {
  const page = value(await api.listMessages({ accountId: account.id, folder: 'INBOX', limit: 200 }));
  const summary = page.messages.find((m) => m.subject === subject);
  if (!summary) throw new Error(`${subject} is not in bob's inbox`);
  return value(await api.openMessage({ accountId: account.id, folder: 'INBOX', uid: summary.uid }));
}

describe('S/MIME with the real Dovecot and Postfix', () => {
  it('opens alice\'s signed message as valid and collects her certificate', async () => {
    const view = await open(subjects.signed);
    expect(view.security?.signature).toMatchObject({ status: 'valid', signer: { email: alice.address } });
    expect(view.text.trim()).toBe('Signed hello from alice');
    expect(view.attachments).toEqual([]);
    const overview = value(await api.listKeystore({}));
    expect(JSON.stringify(overview)).toContain(aliceId.certificate.x509.fingerprint256);
  });

  it('opens the modified copy as invalid', async () => {
    const view = await open(subjects.tampered);
    expect(view.security?.signature.status).toBe('invalid');
  });

  it('decrypts the message encrypted to bob', async () => {
    const view = await open(subjects.encrypted);
    expect(view.security?.encryption).toMatchObject({ status: 'decrypted', integrityProtected: false });
    expect(view.text.trim()).toBe('For bob only');
    expect(view.remoteContentAllowed).toBe(false);
    // The attachment the reader listed is saved from the decrypted part, not the encrypted blob.
    expect(view.attachments).toEqual([expect.objectContaining({ filename: 'plan.txt' })]);
    const file = value(await api.getAttachment({ accountId: account.id, folder: 'INBOX', uid: view.uid, index: 0 }));
    expect(file.filename).toBe('plan.txt');
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe('the secret plan');
    // Forwarding it carries that same attachment, read from the same decrypted part.
    const forward = value(await api.prepareReply({ accountId: account.id, folder: 'INBOX', uid: view.uid, mode: 'forward', shown: 'text' }));
    expect(forward.attachments.map((a) => [a.filename, Buffer.from(a.base64, 'base64').toString('utf8')])).toEqual([['plan.txt', 'the secret plan']]);
    expect(forward.notice).toBeNull();
  });

  it('sends a signed and encrypted message whose Sent copy openssl decrypts and verifies', async () => {
    const sent = value(await api.sendMessage({ accountId: account.id, to: [bob.address], subject: subjects.reply, text: 'Encrypted answer from bob', sign: true, encrypt: true }));
    expect(sent.accepted).toEqual([bob.address]);
    // The subject travels encrypted (RFC 9788), so the copy is found by its Message-ID.
    const copy = await sourceByMessageId(servers, bob, sent.messageId, 'Sent');
    expect(copy).not.toBeNull();
    expect(copy).toMatch(/Content-Type: application\/pkcs7-mime; smime-type=(authE|e)nveloped-data/);
    expect(copy).not.toContain('Encrypted answer from bob');
    const file = pki.path(`reply-${run}.eml`);
    writeFileSync(file, copy!);
    for (const who of [bobId]) {
      const inner = pki.path(`reply-inner-${who.keyType}.eml`);
      writeFileSync(inner, openssl(['cms', '-decrypt', '-in', file, '-recip', who.certPath, '-inkey', who.keyPath]));
      const content = openssl(['cms', '-verify', '-in', inner, '-CAfile', ca.certPath, '-purpose', 'smimesign']).toString('latin1');
      expect(content).toContain('Encrypted answer from bob');
    }
    // Alice can be encrypted to as well: her certificate was collected from her signed message.
    const readiness = value(await api.composeReadiness({ accountId: account.id, recipients: [alice.address] }));
    expect(readiness.recipients).toEqual([{ address: alice.address, certificate: 'known' }]);
  });

  it('refuses to encrypt to someone without a certificate, naming them, and sends nothing', async () => {
    const result = await api.sendMessage({ accountId: account.id, to: ['nobody@example.test'], subject: `Refused ${run}`, text: 'x', sign: true, encrypt: true });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('nobody@example.test') } });
  });
});
