// Certificates for the MTA-STS policy hosts, made with openssl as e2e/servers/test-ca.ts does: one
// CA the tests trust (its certificate is the world's caCertPem) and one throwaway CA nobody trusts.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

interface Ca { certPath: string; keyPath: string }

export interface HostCertificate { certPem: string; keyPem: string }

export interface PolicyCertificates {
  /** The CA that signed every trusted host's certificate. */
  caCertPem: string;
  /** Per host name: a certificate for exactly that name, and its key. */
  hosts: Map<string, HostCertificate>;
}

async function createCa(dir: string, name: string, commonName: string): Promise<Ca> {
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

async function issue(dir: string, ca: Ca, host: string): Promise<HostCertificate> {
  const p = (ext: string): string => join(dir, `${host}.${ext}`);
  await run('openssl', ['req', '-new', ...EC_KEY, '-keyout', p('key'), '-out', p('csr'), '-subj', `/CN=${host}`]);
  await writeFile(p('ext'), [
    `subjectAltName = DNS:${host}`,
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature',
    'extendedKeyUsage = serverAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n'));
  await run('openssl', [
    'x509', '-req', '-in', p('csr'), '-CA', ca.certPath, '-CAkey', ca.keyPath, '-CAcreateserial',
    '-CAserial', p('srl'), '-days', '7', '-extfile', p('ext'), '-out', p('pem'),
  ]);
  await chmod(p('key'), 0o600);
  return { certPem: await readFile(p('pem'), 'utf8'), keyPem: await readFile(p('key'), 'utf8') };
}

/** Issues a certificate per host: from the trusted CA, or from the throwaway one when `trusted` is false. */
export async function createPolicyCertificates(
  dir: string, hosts: ReadonlyArray<{ host: string; trusted: boolean }>,
): Promise<PolicyCertificates> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const [trustedCa, untrustedCa] = await Promise.all([
    createCa(dir, 'ca', 'Sealmail Test MTA-STS CA'),
    createCa(dir, 'untrusted-ca', 'Sealmail Untrusted CA'),
  ]);
  const issued = await Promise.all(hosts.map(async ({ host, trusted }) =>
    [host, await issue(dir, trusted ? trustedCa : untrustedCa, host)] as const));
  return { caCertPem: await readFile(trustedCa.certPath, 'utf8'), hosts: new Map(issued) };
}
