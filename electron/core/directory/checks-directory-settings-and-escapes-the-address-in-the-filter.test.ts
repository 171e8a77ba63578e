import { describe, expect, it } from 'vitest';
import { checkDirectorySettings, parseDirectoryUrl, type DirectorySettings } from './directory-settings';
import { escapeFilterValue, mailFilter } from './ldap-filter';

const base: DirectorySettings = { url: 'ldaps://ldap.example.com', security: 'ldaps', baseDn: 'dc=example,dc=com' };

describe('directory addresses', () => {
  it('takes ldaps:// with LDAPS, on 636 unless a port is given', () => {
    expect(parseDirectoryUrl('ldaps://ldap.example.com', 'ldaps')).toEqual({
      ok: true, endpoint: { scheme: 'ldaps', host: 'ldap.example.com', port: 636, security: 'ldaps', url: 'ldaps://ldap.example.com:636' },
    });
    expect(parseDirectoryUrl('LDAPS://127.0.0.1:6360/', 'ldaps')).toMatchObject({ ok: true, endpoint: { host: '127.0.0.1', port: 6360 } });
    expect(parseDirectoryUrl('ldaps://[::1]:6360', 'ldaps')).toMatchObject({ ok: true, endpoint: { host: '::1', url: 'ldaps://[::1]:6360' } });
  });

  it('takes ldap:// only with StartTLS required, on 389 unless a port is given', () => {
    expect(parseDirectoryUrl('ldap://ldap.example.com', 'starttls')).toMatchObject({ ok: true, endpoint: { scheme: 'ldap', port: 389, security: 'starttls' } });
    expect(parseDirectoryUrl('ldap://ldap.example.com', 'ldaps')).toEqual({ ok: false, problem: expect.stringMatching(/only with StartTLS required, never in clear/) });
    expect(parseDirectoryUrl('ldaps://ldap.example.com', 'starttls')).toEqual({ ok: false, problem: expect.stringMatching(/LDAPS address/) });
  });

  it('refuses anything that is not a bare LDAP host and port', () => {
    for (const url of ['http://ldap.example.com', 'ldapi:///var/run/slapd', 'cldap://x', 'ldap.example.com', 'ldaps://user:pw@ldap.example.com',
      'ldaps://ldap.example.com/dc=example,dc=com', 'ldaps://ldap.example.com/??sub?(mail=*)', 'ldaps://']) {
      expect(parseDirectoryUrl(url, 'ldaps'), url).toMatchObject({ ok: false });
    }
  });

  it('has no security value that means plaintext', () => {
    const sneaky = { ...base, url: 'ldap://ldap.example.com', security: 'none' } as unknown as DirectorySettings;
    expect(checkDirectorySettings(sneaky)).toEqual({ ok: false, problem: expect.stringMatching(/LDAPS or with StartTLS required/) });
  });

  it('wants a base DN, a password with a bind DN, and a well-formed pin', () => {
    expect(checkDirectorySettings(base)).toMatchObject({ ok: true });
    expect(checkDirectorySettings({ ...base, baseDn: ' ' })).toMatchObject({ ok: false, problem: expect.stringMatching(/base DN/) });
    expect(checkDirectorySettings({ ...base, bindDn: 'cn=reader,dc=example,dc=com' })).toMatchObject({ ok: false, problem: expect.stringMatching(/needs its password/) });
    expect(checkDirectorySettings({ ...base, bindPassword: 'secret' })).toMatchObject({ ok: false, problem: expect.stringMatching(/without a bind DN/) });
    expect(checkDirectorySettings({ ...base, pinnedFingerprint256: 'AB:CD' })).toMatchObject({ ok: false, problem: expect.stringMatching(/SHA-256/) });
    const pin = Array.from({ length: 32 }, () => 'ab').join(':');
    expect(checkDirectorySettings({ ...base, pinnedFingerprint256: pin })).toMatchObject({ ok: true });
  });
});

describe('the search filter (RFC 4515 §3)', () => {
  it('escapes NUL, parentheses, asterisk and backslash as two hex digits', () => {
    expect(escapeFilterValue('a*b(c)d\\e\0f')).toBe('a\\2ab\\28c\\29d\\5ce\\00f');
  });

  it('keeps an ordinary or internationalised address as it is', () => {
    expect(mailFilter('alice@example.test')).toBe('(mail=alice@example.test)');
    expect(mailFilter('jörg@bücher.example')).toBe('(mail=jörg@bücher.example)');
  });

  it('cannot be widened or rewritten by the address', () => {
    expect(mailFilter('*')).toBe('(mail=\\2a)');
    expect(mailFilter('x)(|(mail=*')).toBe('(mail=x\\29\\28|\\28mail=\\2a)');
  });
});
