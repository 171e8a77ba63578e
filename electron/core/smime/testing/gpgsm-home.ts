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
    // gpgsm 2.2 fails to decrypt about one PKCS#12 file in forty ("data error at
    // shrouded_key_bag.decrypted-text"), depending only on the random salt: the same key exported
    // again imports. So a refused file is exported afresh, a few times, before the test gives up.
    for (let attempt = 1; ; attempt++) {
      openssl(['pkcs12', '-export', '-in', identity.certPath, '-inkey', identity.keyPath, '-passout', `pass:${PASSPHRASE}`,
        '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1', '-out', p12]);
      try {
        this.run(['--pinentry-mode', 'loopback', '--passphrase-fd', '0', '--import', p12], PASSPHRASE);
        return;
      } catch (error) {
        if (attempt >= 4 || !String((error as { stderr?: unknown }).stderr ?? error).includes('error parsing or decrypting the PKCS#12 file')) throw error;
      }
    }
  }

  /**
   * An EC P-256 identity whose key lives in gpg-agent: gpgsm 2.2 crashes importing EC PKCS#12 and
   * makes only RSA requests, so the key is made by gpg, its public half exported (as SSH, turned
   * into PKCS#8 by ssh-keygen) and certified by the CA with -force_pubkey; gpgsm finds the key by
   * its keygrip. Returns the certificate's PEM path.
   */
  createAgentEcIdentity(ca: TestCa, email: string): string {
    const env = { ...process.env, GNUPGHOME: this.dir };
    const gpg = (args: string[]) => execFileSync('gpg', ['--batch', '--no-tty', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    gpg(['--pinentry-mode', 'loopback', '--passphrase', '', '--quick-gen-key', `<${email}>`, 'nistp256', 'sign', 'never']);
    const fingerprint = /^fpr:(?:[^:]*:){8}([0-9A-F]+):/m.exec(gpg(['--with-colons', '--list-secret-keys', `<${email}>`]).toString())?.[1];
    if (!fingerprint) throw new Error('gpg made no key');
    const base = join(this.dir, `ec-${email.replace(/[^a-z0-9]/gi, '_')}`);
    writeFileSync(`${base}.ssh`, gpg(['--export-ssh-key', `${fingerprint}!`]));
    writeFileSync(`${base}.pub.pem`, execFileSync('ssh-keygen', ['-e', '-m', 'PKCS8', '-f', `${base}.ssh`]));
    openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${base}.tmp.key`, '-out', `${base}.csr`,
      '-subj', `/CN=${email.split('@')[0]}/emailAddress=${email}`]);
    writeFileSync(`${base}.ext`, ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyAgreement', 'extendedKeyUsage=emailProtection',
      `subjectAltName=email:${email}`, 'subjectKeyIdentifier=hash', 'authorityKeyIdentifier=keyid', ''].join('\n'));
    openssl(['x509', '-req', '-in', `${base}.csr`, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-set_serial', `0x${Date.now().toString(16)}`,
      '-force_pubkey', `${base}.pub.pem`, '-extfile', `${base}.ext`, '-days', '365', '-sha256', '-out', `${base}.pem`]);
    this.run(['--import', `${base}.pem`]);
    return `${base}.pem`;
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

  /** Runs gpgsm with the key's passphrase on stdin (signing, decrypting); agent keys have none. */
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
