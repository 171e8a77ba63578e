/**
 * Item 7: `sealmail inspect` gives the app's verdict (and collects the signer's certificate) with a
 * stable --json shape and exit 0; `sealmail compose` writes a signed and encrypted message that
 * openssl opens, refuses with exit 1 and no output when a recipient has no certificate, and the
 * two commands read each other's output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYSTORE_FILE_NAME, KeystoreService } from '../core/keystore/keystore-service';
import { createSmimeFixture, type SmimeFixture } from '../core/smime/testing/smime-fixture';
import { openssl, type TestIdentity } from '../core/smime/testing/test-pki';
import { runCli } from './run-cli';

const PASSPHRASE = 'correct horse battery';
let f: SmimeFixture;
let root: string;
const keystores: Record<string, string> = {};

async function makeKeystore(identity: TestIdentity): Promise<string> {
  const dir = mkdtempSync(join(root, `${identity.email.split('@')[0]}-`));
  const keystore = new KeystoreService({ path: join(dir, KEYSTORE_FILE_NAME) });
  await keystore.create(PASSPHRASE);
  const p12 = f.pki.pkcs12(identity, f.ca, 'p12pass');
  await keystore.importIdentity('me.p12', p12, 'p12pass');
  await keystore.addAuthority('ca.pem', Buffer.from(f.ca.certPem), '', f.ca.certificate.x509.fingerprint256);
  return dir;
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: { SEALMAIL_PASSPHRASE: PASSPHRASE },
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

function file(name: string, content: Buffer | string): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(async () => {
  f = createSmimeFixture();
  root = mkdtempSync(join(tmpdir(), 'sealmail-cli-smime-'));
  keystores.alice = await makeKeystore(f.alice);
  keystores.bob = await makeKeystore(f.bob);
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  f.cleanup();
});

describe('sealmail inspect', () => {
  it('prints the documented JSON verdict for a valid message and collects the signer', async () => {
    const path = file('from-bob.eml', f.signedMessage(f.bob, 'Hello alice.'));
    const { code, stdout } = await cli(['inspect', path, '--keystore', keystores.alice!, '--json']);
    expect(code).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict).toEqual({
      from: 'bob@example.test',
      subject: 'Signed',
      text: 'Hello alice.',
      signature: {
        status: 'valid',
        signer: { email: 'bob@example.test', name: '', validation: 'trusted-revocation-unknown', fingerprint256: f.bob.certificate.x509.fingerprint256 },
        reason: null,
      },
      encryption: { status: 'none', algorithm: null, reason: null },
      // A message written here never travelled: no Received headers, so nothing can be said.
      delivery: { hops: [], verdict: 'unknown', withoutTls: 0, unknown: 0, claimed: 0 },
    });
    const keystore = new KeystoreService({ path: join(keystores.alice!, KEYSTORE_FILE_NAME) });
    await keystore.unlock(PASSPHRASE);
    expect((await keystore.encryptionCertificateFor('bob@example.test'))?.fingerprint256).toBe(f.bob.certificate.x509.fingerprint256);
  });

  it('says invalid for a tampered copy, still with exit 0', async () => {
    const tampered = f.signedMessage(f.bob, 'Pay 10 EUR.').toString('latin1').replace(Buffer.from('Pay 10 EUR.').toString('base64'), Buffer.from('Pay 99 EUR.').toString('base64'));
    const { code, stdout } = await cli(['inspect', file('tampered.eml', tampered), '--keystore', keystores.alice!, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).signature.status).toBe('invalid');
  });

  it('judges at the time given with --at', async () => {
    const path = file('later.eml', f.signedMessage(f.bob, 'later'));
    const { stdout } = await cli(['inspect', path, '--keystore', keystores.alice!, '--json', '--at', '2099-01-01T00:00:00Z']);
    expect(JSON.parse(stdout).signature.status).toBe('expired');
  });

  it('prints a readable verdict without --json', async () => {
    const { code, stdout } = await cli(['inspect', file('plain.eml', f.signedMessage(f.bob, 'plain')), '--keystore', keystores.alice!]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Signature: valid — bob@example.test, /m);
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await cli(['inspect', '--keystore', keystores.alice!])).code).toBe(2);
    expect((await cli(['inspect', 'x.eml', 'y.eml', '--keystore', keystores.alice!])).code).toBe(2);
    expect((await cli(['inspect', 'x.eml', '--keystore', keystores.alice!, '--at', 'yesterday'])).code).toBe(2);
  });

  it('exits 1 with a reason when the file cannot be read', async () => {
    const { code, stderr } = await cli(['inspect', join(root, 'missing.eml'), '--keystore', keystores.alice!]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/missing\.eml/);
  });
});

describe('sealmail compose', () => {
  it('writes a signed and encrypted message that openssl opens and inspect reads as valid', async () => {
    // alice knows bob's certificate from his signed message (collected above by inspect).
    await cli(['inspect', file('bob-again.eml', f.signedMessage(f.bob, 'hi')), '--keystore', keystores.alice!]);
    const { code, stdout, stderr } = await cli(['compose', '--keystore', keystores.alice!, '--from', 'alice@example.test', '--to', 'bob@example.test', '--subject', 'Plans', '--text', 'The secret plan.']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^From: alice@example.test\r\n/);
    expect(stdout).toContain('application/pkcs7-mime; smime-type=authEnveloped-data');
    const path = file('composed.eml', stdout);
    const opened = openssl(['cms', '-decrypt', '-in', path, '-recip', f.bob.certPath, '-inkey', f.bob.keyPath]).toString('latin1');
    expect(opened).toContain('multipart/signed');

    for (const who of ['bob', 'alice']) {
      const { stdout: json } = await cli(['inspect', path, '--keystore', keystores[who]!, '--json']);
      const verdict = JSON.parse(json);
      expect(verdict.signature.status).toBe('valid');
      expect(verdict.encryption).toEqual({ status: 'decrypted', algorithm: 'AES-256-GCM', reason: null });
      expect(verdict.text).toBe('The secret plan.');
    }
  });

  it('lets inspect say not-a-recipient, with exit 0, to someone the message was not for', async () => {
    const { stdout } = await cli(['compose', '--keystore', keystores.alice!, '--from', 'alice@example.test', '--to', 'bob@example.test', '--subject', 'x', '--text', 'for bob']);
    const carol = f.pki.issue(f.ca, 'carol@example.test');
    const carolStore = await makeKeystore(carol);
    const { code, stdout: json } = await cli(['inspect', file('not-for-carol.eml', stdout), '--keystore', carolStore, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(json)).toMatchObject({ text: '', encryption: { status: 'not-a-recipient' }, signature: { status: 'none' } });
  });

  it('writes nothing and exits 1 naming the recipients without certificates', async () => {
    const { code, stdout, stderr } = await cli(['compose', '--keystore', keystores.alice!, '--from', 'alice@example.test', '--to', 'bob@example.test,carol@example.test,dave@example.test', '--subject', 's', '--text', 't']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('carol@example.test, dave@example.test');
    expect(stderr).not.toContain('bob@example.test');
  });

  it('signs without encrypting with --no-encrypt', async () => {
    const { code, stdout } = await cli(['compose', '--keystore', keystores.alice!, '--from', 'alice@example.test', '--to', 'carol@example.test', '--subject', 's', '--text', 'open letter', '--no-encrypt']);
    expect(code).toBe(0);
    const path = file('signed-only.eml', stdout);
    expect(openssl(['cms', '-verify', '-in', path, '-CAfile', f.ca.certPath, '-purpose', 'smimesign']).toString()).toContain(Buffer.from('open letter').toString('base64'));
    expect(readFileSync(path, 'latin1')).not.toContain('pkcs7-mime');
  });

  it('writes a plain message with --no-sign --no-encrypt', async () => {
    const { code, stdout } = await cli(['compose', '--keystore', keystores.alice!, '--from', 'alice@example.test', '--to', 'carol@example.test', '--subject', 's', '--text', 'plain', '--no-sign', '--no-encrypt']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('pkcs7');
  });
});
