import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYSTORE_FILE_NAME } from '../core/keystore/keystore-service';
import { makeTestPki, type TestPki } from '../core/keystore/testing/make-certificates';
import { runCli } from './run-cli';

let pki: TestPki;
let dir: string;
let p12Path: string;
let legacyPath: string;
let certsOnlyPath: string;
const PASSPHRASE = 'a long keystore passphrase';

beforeAll(() => {
  pki = makeTestPki();
  dir = join(pki.dir, 'profile');
  const alice = pki.person({ name: 'alice', email: 'alice@example.test', subject: '/CN=Alice Example', policy: '2.23.140.1.5.4.1' });
  const bob = pki.person({ name: 'bob', email: 'bob@example.test', key: 'ec' });
  p12Path = join(pki.dir, 'alice.p12');
  writeFileSync(p12Path, pki.p12('alice-out', alice, { password: 'p12 pw', chain: true }));
  legacyPath = join(pki.dir, 'bob.p12');
  writeFileSync(legacyPath, pki.p12('bob-out', bob, { password: 'bob pw', args: ['-legacy'] }));
  certsOnlyPath = join(pki.dir, 'certs.p12');
  writeFileSync(certsOnlyPath, pki.p12('certs-out', alice, { password: 'p12 pw', noKey: true }));
}, 60_000);
afterAll(() => pki.cleanup());

async function sealmail(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { SEALMAIL_PASSPHRASE: PASSPHRASE, ...env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

const keystoreFile = () => readFileSync(join(dir, KEYSTORE_FILE_NAME));

describe('sealmail keystore and trust', () => {
  it('imports identities, trusts an authority and lists everything as JSON', async () => {
    const imported = await sealmail(['keystore', 'import', p12Path, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'p12 pw' });
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('Imported alice@example.test: identity verified');
    expect((await sealmail(['keystore', 'import', legacyPath, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'bob pw' })).code).toBe(0);
    expect((await sealmail(['trust', 'add', pki.caCertPath, '--keystore', dir])).code).toBe(0);

    const listed = await sealmail(['keystore', 'list', '--keystore', dir, '--json']);
    expect(listed.code).toBe(0);
    const json = JSON.parse(listed.stdout) as { identities: Record<string, unknown>[]; people: unknown[]; authorities: Record<string, unknown>[] };
    expect(json.identities.map((i) => [i.email, i.validation])).toEqual([
      ['alice@example.test', 'identity-verified'],
      ['bob@example.test', 'address-verified'],
    ]);
    for (const identity of json.identities) {
      expect(Object.keys(identity)).toEqual(expect.arrayContaining(['email', 'subject', 'fingerprint256', 'notBefore', 'notAfter', 'validation']));
    }
    expect(json.authorities).toHaveLength(1);
    expect(json.authorities[0]!.subject).toContain('Sealmail Test Mail CA');
    expect(listed.stdout).not.toMatch(/PRIVATE KEY|privateKey/);
  });

  it('refuses each bad input with one line and exit 1, leaving the keystore byte-for-byte unchanged', async () => {
    await sealmail(['keystore', 'import', p12Path, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'p12 pw' });
    const before = keystoreFile();
    const notP12 = join(pki.dir, 'notes.p12');
    writeFileSync(notP12, 'hello');
    const truncated = join(pki.dir, 'cut.p12');
    writeFileSync(truncated, readFileSync(p12Path).subarray(0, 500));
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['keystore', 'import', p12Path, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'nope' }, /^sealmail: wrong password for alice\.p12\n$/],
      [['keystore', 'import', p12Path, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'p12 pw', SEALMAIL_PASSPHRASE: 'wrong passphrase' }, /does not open your keystore/],
      [['keystore', 'import', notP12, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'x' }, /notes\.p12 is not a PKCS#12/],
      [['keystore', 'import', truncated, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'p12 pw' }, /cut\.p12 is incomplete/],
      [['keystore', 'import', certsOnlyPath, '--keystore', dir], { SEALMAIL_P12_PASSWORD: 'p12 pw' }, /no private key/],
      [['trust', 'add', p12Path, '--keystore', dir, '--fingerprint', 'AA'], {}, /alice\.p12/],
      [['trust', 'add', pki.caCertPath, '--keystore', dir, '--fingerprint', '00'.repeat(32)], {}, /not the one given/],
    ];
    for (const [args, env, message] of cases) {
      const result = await sealmail(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(keystoreFile().equals(before)).toBe(true);
    }
  });

  it('exits 2 for usage errors, including a password that cannot be asked for', async () => {
    expect((await sealmail(['keystore', 'import', p12Path])).code).toBe(2);
    expect((await sealmail(['keystore', 'frobnicate', '--keystore', dir])).code).toBe(2);
    expect((await sealmail(['trust', 'remove', 'x', '--keystore', dir])).code).toBe(2);
    const noPassword = await sealmail(['keystore', 'import', p12Path, '--keystore', dir]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('SEALMAIL_P12_PASSWORD');
  });
});
