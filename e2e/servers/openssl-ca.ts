// Throwaway certificate authorities and TLS server certificates made with the openssl command, so
// tests verify TLS for real (trusting only their own CA) instead of switching verification off.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export interface CaFiles { certPath: string; keyPath: string }

/** A CA valid for a week: `<dir>/<name>.pem` and its root-only key `<dir>/<name>.key`. */
export async function createCa(dir: string, name: string, commonName: string): Promise<CaFiles> {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  await run('openssl', [
    'req', '-x509', ...EC_KEY, '-keyout', keyPath, '-out', certPath, '-days', '7',
    '-subj', `/O=Sealmail tests/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await chmod(keyPath, 0o600);
  return { certPath, keyPath };
}

export interface CertificateRequest {
  /** The subject, as openssl writes it: '/CN=mail.example.test'. */
  subject: string;
  /** The key to make: P-256 (servers) or RSA 2048 (S/MIME users, whom every peer can encrypt to). */
  key: 'ec' | 'rsa';
  /** subjectAltName, keyUsage and extendedKeyUsage lines of the extension file. */
  extensions: string[];
}

/**
 * A certificate from `ca`: `<dir>/<name>.pem` and its root-only key `<dir>/<name>.key`. Each takes
 * a random serial, so certificates can be issued side by side (a shared serial file would race).
 */
export async function issueCertificate(dir: string, ca: CaFiles, name: string, request: CertificateRequest): Promise<CaFiles> {
  const p = (ext: string): string => join(dir, `${name}.${ext}`);
  const key = request.key === 'ec' ? EC_KEY : ['-newkey', 'rsa:2048', '-nodes'];
  await run('openssl', ['req', '-new', ...key, '-keyout', p('key'), '-out', p('csr'), '-subj', request.subject]);
  await writeFile(p('ext'), [...request.extensions, 'basicConstraints = critical, CA:FALSE', 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid', ''].join('\n'));
  await run('openssl', [
    'x509', '-req', '-in', p('csr'), '-CA', ca.certPath, '-CAkey', ca.keyPath,
    '-set_serial', `0x${randomBytes(8).toString('hex')}`, '-days', '7', '-extfile', p('ext'), '-out', p('pem'),
  ]);
  await chmod(p('key'), 0o600);
  return { certPath: p('pem'), keyPath: p('key') };
}

/** A TLS server certificate from `ca` for `commonName` and `altNames` (e.g. 'DNS:mail.example.test', 'IP:127.0.0.1'). */
export function issueServerCertificate(dir: string, ca: CaFiles, name: string, commonName: string, altNames: readonly string[]): Promise<CaFiles> {
  return issueCertificate(dir, ca, name, {
    subject: `/CN=${commonName}`,
    key: 'ec',
    extensions: [`subjectAltName = ${altNames.join(', ')}`, 'keyUsage = critical, digitalSignature', 'extendedKeyUsage = serverAuth'],
  });
}
