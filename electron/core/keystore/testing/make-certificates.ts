/**
 * Test material made the way users get it: a CA and personal certificates made with `openssl`,
 * packed into PKCS#12 files with `openssl pkcs12` in each shape real tools write.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  dir: string;
  caCertPath: string;
  caCertPem: string;
  /** Makes a personal certificate signed by the CA; returns the paths of its key and certificate. */
  person(options: PersonOptions): { keyPath: string; certPath: string; certPem: string };
  /** Packs a key and certificate (and the CA when `chain`) with `openssl pkcs12 -export` plus `args`. */
  p12(name: string, person: { keyPath?: string; certPath: string }, options: P12Options): Uint8Array;
  cleanup(): void;
}

export interface PersonOptions {
  name: string;
  email: string;
  /** 'rsa' (2048) or 'ec' (P-256). */
  key?: 'rsa' | 'ec';
  /** Subject without the email, e.g. '/CN=Alice Example'; default: only the emailAddress. */
  subject?: string;
  /** certificatePolicies, e.g. '2.23.140.1.5.1.1'. */
  policy?: string;
  /** extendedKeyUsage; default emailProtection. */
  extendedKeyUsage?: string;
  /** Days valid from now (an expired certificate is tested with a clock set later instead). */
  days?: number;
}

export interface P12Options {
  password: string;
  chain?: boolean;
  /** Extra `openssl pkcs12 -export` arguments for the shape, e.g. ['-legacy']. */
  args?: string[];
  noKey?: boolean;
}

/** The shapes of PKCS#12 that users bring, as `openssl pkcs12 -export` arguments. */
export const P12_SHAPES: Record<string, string[]> = {
  'OpenSSL 3 default (PBES2, AES-256-CBC, PBKDF2, SHA-256 MAC)': [],
  'openssl -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC)': ['-legacy'],
  'Windows and Firefox export (3DES for both, SHA-1 MAC)': ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
  'unencrypted certificates, 3DES key': ['-certpbe', 'NONE', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
  'PBES2 with AES-128-CBC and a SHA-512 MAC': ['-certpbe', 'AES-128-CBC', '-keypbe', 'AES-128-CBC', '-macalg', 'sha512'],
};

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-pki-'));
  const caKey = join(dir, 'ca.key');
  const caCertPath = join(dir, 'ca.pem');
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', caKey, '-out', caCertPath, '-days', '30', '-subj', '/O=Sealmail Test/CN=Sealmail Test Mail CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  let serial = 1;
  return {
    dir,
    caCertPath,
    caCertPem: readFileSync(caCertPath, 'utf8'),
    person(options) {
      const keyPath = join(dir, `${options.name}.key`);
      const csrPath = join(dir, `${options.name}.csr`);
      const certPath = join(dir, `${options.name}.pem`);
      const extPath = join(dir, `${options.name}.ext`);
      const keyArgs = options.key === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
      openssl(['req', '-new', ...keyArgs, '-nodes', '-keyout', keyPath, '-out', csrPath, '-subj', `${options.subject ?? ''}/emailAddress=${options.email}`], dir);
      const ext = [
        'basicConstraints=CA:FALSE',
        `keyUsage=critical,digitalSignature,${options.key === 'ec' ? 'keyAgreement' : 'keyEncipherment'}`,
        `extendedKeyUsage=${options.extendedKeyUsage ?? 'emailProtection'}`,
        `subjectAltName=email:${options.email}`,
        ...(options.policy ? [`certificatePolicies=${options.policy}`] : []),
      ];
      writeFileSync(extPath, `${ext.join('\n')}\n`);
      const dateArgs = ['-days', String(options.days ?? 30), '-set_serial', String(serial++)];
      openssl(['x509', '-req', '-in', csrPath, '-CA', caCertPath, '-CAkey', caKey, '-out', certPath, '-extfile', extPath, ...dateArgs], dir);
      return { keyPath, certPath, certPem: readFileSync(certPath, 'utf8') };
    },
    p12(name, person, options) {
      const out = join(dir, `${name}.p12`);
      const args = ['pkcs12', '-export', '-in', person.certPath, '-out', out, '-passout', `pass:${options.password}`, ...(options.args ?? [])];
      if (options.noKey || !person.keyPath) args.push('-nokeys');
      else args.push('-inkey', person.keyPath);
      if (options.chain) args.push('-certfile', caCertPath);
      openssl(args, dir);
      return readFileSync(out);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
