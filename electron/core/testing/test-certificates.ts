/**
 * Throwaway certificates for tests of server-certificate handling, made with OpenSSL: a test CA the
 * client is told to trust, and server certificates that are good, expired, or for another host.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyAndCertificate } from './self-signed';

export interface TestAuthority {
  caPem: string;
  /** A server certificate for 127.0.0.1 and localhost signed by the CA, optionally with other names or dates. */
  issue(options?: { names?: string; notBefore?: string; notAfter?: string }): KeyAndCertificate;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export function makeTestAuthority(): TestAuthority {
  const dir = mkdtempSync(join(tmpdir(), 'sealmail-testca-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const p = (name: string) => join(dir, name);
  const run = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', cwd: dir });
  run(['req', '-x509', ...EC_KEY, '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '3', '-subj', '/O=Sealmail tests/CN=Sealmail Hostile Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  writeFileSync(p('index.txt'), '');
  writeFileSync(p('serial'), '1000\n');
  writeFileSync(p('ca.cnf'), [
    '[ca]', 'default_ca = test', '[test]', `database = ${p('index.txt')}`, `new_certs_dir = ${dir}`, `serial = ${p('serial')}`,
    'default_md = sha256', 'policy = any', 'copy_extensions = copy', 'unique_subject = no', '[any]', 'commonName = supplied', '',
  ].join('\n'));
  const caPem = readFileSync(p('ca.pem'), 'utf8');
  let count = 0;
  return {
    caPem,
    issue({ names = 'IP:127.0.0.1,DNS:localhost', notBefore, notAfter } = {}) {
      const n = count++;
      run(['req', '-new', ...EC_KEY, '-keyout', p(`${n}.key`), '-out', p(`${n}.csr`), '-subj', `/CN=${names.split(',')[0]!.replace(/^\w+:/, '')}`,
        '-addext', `subjectAltName=${names}`, '-addext', 'extendedKeyUsage=serverAuth', '-addext', 'basicConstraints=critical,CA:FALSE']);
      const dates = notBefore && notAfter ? ['-startdate', notBefore, '-enddate', notAfter] : ['-days', '2'];
      run(['ca', '-batch', '-config', p('ca.cnf'), '-cert', p('ca.pem'), '-keyfile', p('ca.key'), '-in', p(`${n}.csr`), '-out', p(`${n}.pem`), '-notext', ...dates]);
      return { key: readFileSync(p(`${n}.key`), 'utf8'), cert: readFileSync(p(`${n}.pem`), 'utf8') };
    },
  };
}
