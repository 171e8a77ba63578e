// Against Debian's OpenLDAP slapd on 127.0.0.1 (e2e/servers/ldap): certificates are found over
// LDAPS and StartTLS, every unusable one is refused with a reason, and a directory that cannot do
// TLS is left before a bind DN, a password or an address crosses the wire.
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { lookupInDirectory } from './lookup-in-directory';
import type { DirectorySettings } from './directory-settings';

const directory = inject('ldapDirectory');
const trust = { extraTrustAnchors: [directory.caCertPem] };

function settings(over: Partial<DirectorySettings> = {}): DirectorySettings {
  return {
    url: directory.ldapsUrl,
    security: 'ldaps',
    baseDn: directory.baseDn,
    bindDn: directory.bindDn,
    bindPassword: directory.bindPassword,
    ...over,
  };
}

const fingerprintOf = (der: Buffer): string => new X509Certificate(der).fingerprint256;
const fingerprintOfPem = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** The plain slapd's log once it has logged the end of every connection so far. */
async function settledPlainLog(): Promise<string> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const log = readFileSync(directory.logs.plain, 'utf8');
    const opened = (log.match(/ ACCEPT from /g) ?? []).length;
    const closed = (log.match(/ closed/g) ?? []).length;
    if ((opened > 0 && opened === closed) || Date.now() > deadline) return log;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('looking up a certificate in an LDAP directory', () => {
  it('finds alice\'s certificate over LDAPS', async () => {
    const result = await lookupInDirectory(settings(), 'alice@example.test', trust);
    expect(result.problems).toEqual([]);
    expect(result.found.map((f) => fingerprintOf(f.der))).toEqual([fingerprintOfPem(directory.people.alice.certPem)]);
  });

  it('finds it with StartTLS on the plain port', async () => {
    const result = await lookupInDirectory(settings({ url: directory.starttlsUrl, security: 'starttls' }), 'alice@example.test', trust);
    expect(result.problems).toEqual([]);
    expect(result.found).toHaveLength(1);
  });

  it('returns both of frank\'s certificates', async () => {
    const result = await lookupInDirectory(settings(), 'frank@example.test', trust);
    expect(result.problems).toEqual([]);
    expect(result.found.map((f) => fingerprintOf(f.der)).sort()).toEqual(directory.people.frank.map((c) => fingerprintOfPem(c.certPem)).sort());
  });

  it('reads the certificate out of a PKCS#7 userSMIMECertificate', async () => {
    const result = await lookupInDirectory(settings(), 'henry@example.test', trust);
    expect(result.problems).toEqual([]);
    expect(result.found.map((f) => fingerprintOf(f.der))).toEqual([fingerprintOfPem(directory.people.henry.certPem)]);
  });

  it('refuses grace\'s certificate, which is for another address, and says why', async () => {
    const result = await lookupInDirectory(settings(), 'grace@example.test', trust);
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/is not for grace@example\.test \(it is for someone@elsewhere\.test\)/)]);
  });

  it('refuses a certificate whose extended key usage forbids e-mail', async () => {
    const result = await lookupInDirectory(settings(), 'ivan@example.test', trust);
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/emailProtection/)]);
  });

  it('refuses a value that is not a certificate', async () => {
    const result = await lookupInDirectory(settings(), directory.garbageAddress, trust);
    expect(result.found).toEqual([]);
    expect(result.problems).toEqual([expect.stringMatching(/is not a readable certificate/)]);
  });

  it('finds nothing, and says nothing, for an address the directory does not know', async () => {
    expect(await lookupInDirectory(settings(), 'nobody@example.test', trust)).toEqual({ found: [], problems: [] });
  });

  it('leaves a directory that refuses StartTLS before binding or searching', async () => {
    const result = await lookupInDirectory(settings({ url: directory.plainOnlyUrl, security: 'starttls' }), 'alice@example.test', trust);
    expect(result).toEqual({
      found: [],
      problems: ['127.0.0.1 offered no TLS; Sealmail will not send your directory password or a recipient\'s address in clear.'],
    });
    const log = await settledPlainLog();
    expect(log).toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/);
    expect(log).not.toMatch(/ BIND /);
    expect(log).not.toMatch(/ SRCH /);
    expect(log).not.toContain(directory.bindPassword);
  });

  it('refuses a directory certificate signed by an authority it does not trust', async () => {
    for (const over of [{}, { url: directory.starttlsUrl, security: 'starttls' as const }]) {
      const result = await lookupInDirectory(settings(over), 'alice@example.test', { extraTrustAnchors: [] });
      expect(result).toEqual({ found: [], problems: [expect.stringMatching(/not signed by an authority Sealmail trusts/)] });
    }
  });

  it('refuses a pinned directory whose certificate is another', async () => {
    const pin = Array.from({ length: 32 }, () => 'AB').join(':');
    const result = await lookupInDirectory(settings({ pinnedFingerprint256: pin }), 'alice@example.test', trust);
    expect(result).toEqual({ found: [], problems: [expect.stringMatching(/changed since you trusted it/)] });
  });

  it('says so when the bind password is wrong', async () => {
    const result = await lookupInDirectory(settings({ bindPassword: 'not the password' }), 'alice@example.test', trust);
    expect(result).toEqual({ found: [], problems: ['Directory 127.0.0.1 refused the bind DN or password.'] });
  });

  it('says so when nothing listens at the address', async () => {
    const result = await lookupInDirectory(settings({ url: 'ldaps://127.0.0.1:1' }), 'alice@example.test', trust);
    expect(result).toEqual({ found: [], problems: [expect.stringMatching(/refused the connection/)] });
  });

  it('says so when an ldaps:// address is a plain LDAP port', async () => {
    const result = await lookupInDirectory(settings({ url: directory.plainOnlyUrl.replace('ldap:', 'ldaps:') }), 'alice@example.test', trust);
    expect(result).toEqual({ found: [], problems: [expect.stringMatching(/did not speak TLS/)] });
  });
});
