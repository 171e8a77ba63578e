// Throwaway certificate authorities and TLS server certificates made with the openssl command, so
// tests verify TLS for real (trusting only their own CA) instead of switching verification off.
import { execFile } from 'node:child_process';
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

/**
 * A server certificate from `ca` for `commonName` and `altNames` (e.g. 'DNS:mail.example.test',
 * 'IP:127.0.0.1'): `<dir>/<name>.pem` and its root-only key `<dir>/<name>.key`.
 */
export async function issueServerCertificate(dir: string, ca: CaFiles, name: string, commonName: string, altNames: readonly string[]): Promise<CaFiles> {
  const p = (ext: string): string => join(dir, `${name}.${ext}`);
  await run('openssl', ['req', '-new', ...EC_KEY, '-keyout', p('key'), '-out', p('csr'), '-subj', `/CN=${commonName}`]);
  await writeFile(p('ext'), [
    `subjectAltName = ${altNames.join(', ')}`,
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n'));
  await run('openssl', [
    'x509', '-req', '-in', p('csr'), '-CA', ca.certPath, '-CAkey', ca.keyPath,
    '-CAserial', p('srl'), '-CAcreateserial', '-days', '7', '-extfile', p('ext'), '-out', p('pem'),
  ]);
  await chmod(p('key'), 0o600);
  return { certPath: p('pem'), keyPath: p('key') };
}
