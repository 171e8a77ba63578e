/**
 * Issue 14, item 2: reading someone's signed mail needs no keys of one's own. `sealmail inspect`
 * with no --keystore, or with a folder that has no keystore yet, judges signatures against the
 * system roots plus --ca, says encrypted mail needs a certificate, asks for no passphrase, writes
 * nothing into the folder and exits 0 with a verdict.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptEntity } from '../core/smime/encrypt-entity';
import { textEntity, withMessageHeaders } from '../core/smime/mime/compose-entity';
import { NO_KEYSTORE_TO_READ } from '../core/smime/smime-service';
import { createSmimeFixture, type SmimeFixture } from '../core/smime/testing/smime-fixture';
import { runCli } from './run-cli';

let f: SmimeFixture;
let root: string;
let emptyDir: string;
let signedPath: string;
let encryptedPath: string;

/** Runs the CLI with no SEALMAIL_PASSPHRASE and no terminal: asking for one would be exit 2. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

beforeAll(() => {
  f = createSmimeFixture();
  root = mkdtempSync(join(tmpdir(), 'sealmail-cli-nokeys-'));
  emptyDir = mkdtempSync(join(root, 'profile-'));
  signedPath = join(root, 'signed.eml');
  writeFileSync(signedPath, f.signedMessage(f.bob, 'Hello from bob.'));
  encryptedPath = join(root, 'encrypted.eml');
  const { entity } = encryptEntity(textEntity('The secret plan.'), [{ certificate: f.alice.certificate, capabilities: { aesGcm: true, rsaOaep: false } }]);
  writeFileSync(encryptedPath, withMessageHeaders(entity, { from: 'bob@example.test', to: ['alice@example.test'], subject: 'Secret', date: f.now }));
}, 120_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  f.cleanup();
});

describe('sealmail inspect without keys of your own', () => {
  it('shows a message signed under the CA given with --ca as valid without --keystore', async () => {
    const { code, stdout, stderr } = await cli(['inspect', signedPath, '--ca', f.ca.certPath, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ text: 'Hello from bob.', signature: { status: 'valid', signer: { email: 'bob@example.test' }, reason: null }, encryption: { status: 'none' } });
  });

  it('gives the same verdict for a folder without a keystore, and writes nothing into it', async () => {
    const { code, stdout } = await cli(['inspect', signedPath, '--keystore', emptyDir, '--ca', f.ca.certPath]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Signature: valid — bob@example.test, /m);
    expect(readdirSync(emptyDir)).toEqual([]);
  });

  it('says not trusted, still with exit 0, when no authority it trusts vouches for the signer', async () => {
    const { code, stdout } = await cli(['inspect', signedPath, '--keystore', emptyDir, '--json']);
    expect(code).toBe(0);
    const verdict = JSON.parse(stdout);
    expect(verdict.signature.status).toBe('untrusted');
    expect(verdict.signature.reason).toMatch(/authority you trust/);
    expect(readdirSync(emptyDir)).toEqual([]);
  });

  it('reports encrypted mail as not readable for lack of a certificate, with exit 0', async () => {
    for (const where of [[], ['--keystore', emptyDir]]) {
      const { code, stdout } = await cli(['inspect', encryptedPath, ...where, '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ text: '', encryption: { status: 'error', reason: NO_KEYSTORE_TO_READ } });
    }
    const { stdout } = await cli(['inspect', encryptedPath, '--keystore', emptyDir]);
    expect(stdout).toContain('sealmail keystore import YOURS.p12 --keystore DIR');
    expect(stdout).not.toContain('The secret plan.');
    expect(readdirSync(emptyDir)).toEqual([]);
  });

  it('refuses a --ca file that holds no certificate as a usage error', async () => {
    const notPem = join(root, 'not-a-ca.txt');
    writeFileSync(notPem, 'hello');
    const { code, stderr } = await cli(['inspect', signedPath, '--ca', notPem]);
    expect(code).toBe(2);
    expect(stderr).toContain('not-a-ca.txt holds no readable PEM certificate');
  });
});
