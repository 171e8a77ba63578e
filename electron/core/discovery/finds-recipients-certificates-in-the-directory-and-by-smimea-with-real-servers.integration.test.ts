/**
 * Issue 16 through the core's contract, against the real servers: slapd (the account's directory)
 * and the loopback DNS world (SMIMEA), with Dovecot and Postfix for sending. A recipient nobody has
 * received mail from is looked up, their certificate stored with its source, and the message to them
 * goes out encrypted: OpenSSL decrypts the Sent copy with the recipient's own key.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SealmailApi } from '../../../shared/contract';
import type { Account } from '../../../shared/domain';
import { sourceByMessageId } from '../../../e2e/support/mailbox';
import { TestPki } from '../smime/testing/test-pki';
import { accountSettings, coreOnTestServers, importTestIdentity, value, type CoreOnTestServers } from '../testing/core-on-test-servers';

const servers = inject('mailServers');
const dns = inject('dnsWorld');
const directory = inject('ldapDirectory');
const { alice } = servers.users;

let core: CoreOnTestServers;
let api: SealmailApi;
let account: Account;
let pki: TestPki;
const work = mkdtempSync(join(tmpdir(), 'sealmail-find-certs-'));

beforeAll(async () => {
  pki = new TestPki();
  const ca = pki.createCa('alice-ca');
  const aliceId = pki.issue(ca, alice.address);
  core = await coreOnTestServers(servers, 'find-certs', {
    extraTrustAnchors: [servers.caCertPem, directory.caCertPem],
    transportPolicy: { resolvers: [dns.resolver], httpsPort: dns.policyHttps.port },
  });
  api = core.api;
  account = value(await api.addAccount(accountSettings(servers, alice, { displayName: 'Alice Example' })));
  await importTestIdentity(api, pki, aliceId, ca);
}, 120_000);

afterAll(async () => {
  await core?.close();
  pki?.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('finding certificates of recipients who never wrote', () => {
  it('finds carol by SMIMEA, says so, and her message goes out encrypted to her key', async () => {
    const carol = dns.smimea.carol;
    const [lookup] = value(await api.findCertificates({ accountId: account.id, recipients: [carol.address] }));
    expect(lookup).toMatchObject({ address: carol.address, certificateSource: 'dns' });
    expect(lookup!.searched).toEqual([
      { source: 'directory', outcome: 'not-configured', detail: null },
      { source: 'dns', outcome: 'found', detail: null },
    ]);
    const readiness = value(await api.composeReadiness({ accountId: account.id, recipients: [carol.address] }));
    expect(readiness.recipients).toEqual([{ address: carol.address, certificate: 'known' }]);

    const subject = `For carol only ${Date.now()}`;
    const sent = await api.sendMessage({ accountId: account.id, to: [carol.address], cc: [], bcc: [], subject, text: 'Found you in DNS.', attachments: [], inReplyTo: null, references: [], sign: true, encrypt: true });
    expect(sent.ok ? 'sent' : sent.error.message).toBe('sent');
    // The subject travels encrypted (RFC 9788), so the copy is found by its Message-ID.
    const copy = await sourceByMessageId(servers, alice, value(sent).messageId, 'Sent');
    expect(copy).not.toBeNull();
    writeFileSync(join(work, 'carol.eml'), copy!);
    writeFileSync(join(work, 'carol.key'), carol.keyPem);
    writeFileSync(join(work, 'carol.pem'), carol.certPem);
    const plain = execFileSync('openssl', ['cms', '-decrypt', '-in', join(work, 'carol.eml'), '-inkey', join(work, 'carol.key'), '-recip', join(work, 'carol.pem')]).toString('utf8');
    // The decrypted content is alice's signed message; its text is inside (base64 or plain).
    expect(plain.includes('Found you in DNS.') || plain.includes(Buffer.from('Found you in DNS.').toString('base64').slice(0, 16))).toBe(true);
  });

  it('refuses a badly signed SMIMEA record and stores nothing', async () => {
    const [lookup] = value(await api.findCertificates({ accountId: account.id, recipients: [dns.smimea.dave.address] }));
    expect(lookup!.certificateSource).toBeNull();
    expect(lookup!.searched[1]).toMatchObject({ source: 'dns', outcome: 'refused' });
    expect(lookup!.searched[1]!.detail).toContain('badly signed');
  });

  it('finds frank in the account directory over LDAPS, both of his certificates kept, the chip source the directory', async () => {
    value(await api.setAccountDirectory({ accountId: account.id, directory: { url: directory.ldapsUrl, security: 'ldaps', baseDn: directory.baseDn, bindDn: directory.bindDn, bindPassword: directory.bindPassword } }));
    const frank = 'frank@example.test';
    const [lookup] = value(await api.findCertificates({ accountId: account.id, recipients: [frank] }));
    expect(lookup).toMatchObject({ address: frank, certificateSource: 'directory' });
    const people = value(await api.listKeystore({})).people.find((p) => p.email === frank);
    expect(people!.certificates.map((c) => c.source)).toEqual(['directory', 'directory']);
  });

  it('refuses a directory address that would be reached in clear before saving anything', async () => {
    const refused = await api.setAccountDirectory({ accountId: account.id, directory: { url: directory.plainOnlyUrl, security: 'ldaps', baseDn: directory.baseDn, bindDn: null, bindPassword: null } });
    expect(refused.ok).toBe(false);
  });

  it('a directory that offers no TLS is a failure in words, and nothing is found there', async () => {
    value(await api.setAccountDirectory({ accountId: account.id, directory: { url: directory.plainOnlyUrl, security: 'starttls', baseDn: directory.baseDn, bindDn: null, bindPassword: null } }));
    const [lookup] = value(await api.findCertificates({ accountId: account.id, recipients: ['nobody-here@example.test'] }));
    expect(lookup!.searched[0]).toMatchObject({ source: 'directory', outcome: 'refused' });
    expect(lookup!.searched[0]!.detail).toContain('offered no TLS');
  });
});
