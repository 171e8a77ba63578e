/**
 * A throwaway GnuPG home for interop tests with `gpgsm`: imports the test CA and marks it trusted
 * in trustlist.txt, and imports RSA identities from PKCS#12 (3DES/SHA-1 PBE, which gpgsm 2.2 reads).
 * CRL checks are off only because gpgsm would otherwise fetch CRLs itself through dirmngr.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl, type TestCa, type TestIdentity } from './test-pki';

const PASSPHRASE = 'sealmail-test';

export class GpgsmHome {
  readonly dir: string;

  constructor(ca: TestCa) {
    this.dir = mkdtempSync(join(tmpdir(), 'sealmail-gnupg-'));
    chmodSync(this.dir, 0o700);
    writeFileSync(join(this.dir, 'gpg-agent.conf'), 'allow-loopback-pinentry\n');
    writeFileSync(join(this.dir, 'gpgsm.conf'), 'disable-crl-checks\ndisable-dirmngr\n');
    this.run(['--import', ca.certPath]);
    const fingerprint = ca.certificate.x509.fingerprint; // SHA-1, colon separated, as trustlist.txt wants
    writeFileSync(join(this.dir, 'trustlist.txt'), `${fingerprint} S\n`);
  }

  /** Imports a certificate and its private key (RSA: gpgsm 2.2 crashes importing EC PKCS#12). */
  importIdentity(identity: TestIdentity): void {
    const p12 = `${identity.keyPath}.p12`;
    openssl(['pkcs12', '-export', '-in', identity.certPath, '-inkey', identity.keyPath, '-passout', `pass:${PASSPHRASE}`,
      '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', p12]);
    this.run(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--import', p12], PASSPHRASE);
  }

  importCertificate(identity: TestIdentity): void {
    this.run(['--import', identity.certPath]);
  }

  /** Runs gpgsm in this home; returns stdout, throws (with stderr) on failure. */
  run(args: string[], input?: string | Buffer): Buffer {
    return execFileSync('gpgsm', ['--batch', '--no-tty', ...args], {
      env: { ...process.env, GNUPGHOME: this.dir },
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  }

  /** Runs gpgsm with the key's passphrase on stdin (signing, decrypting). */
  runWithKey(args: string[]): Buffer {
    return this.run(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', ...args], PASSPHRASE);
  }

  cleanup(): void {
    try {
      execFileSync('gpgconf', ['--kill', 'all'], { env: { ...process.env, GNUPGHOME: this.dir }, stdio: 'ignore' });
    } catch {
      // No agent was started.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
