// Creates a throwaway certificate authority and a server certificate for 127.0.0.1 with openssl,
// so tests can verify TLS for real (trusting only this CA) instead of disabling verification.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCa {
  caCertPem: string;
  caCertPath: string;
  serverCertPath: string;
  serverKeyPath: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

export async function createTestCa(dir: string): Promise<TestCa> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const p = (name: string): string => join(dir, name);
  await run('openssl', [
    'req', '-x509', ...EC_KEY, '-keyout', p('ca.key'), '-out', p('ca.pem'), '-days', '7',
    '-subj', '/O=Sealmail tests/CN=Sealmail Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await run('openssl', [
    'req', '-new', ...EC_KEY, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=mail.example.test',
  ]);
  await writeFile(
    p('server.ext'),
    [
      'subjectAltName = IP:127.0.0.1, DNS:localhost, DNS:mail.example.test',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature',
      'extendedKeyUsage = serverAuth',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  await run('openssl', [
    'x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca.key'), '-CAcreateserial',
    '-days', '7', '-extfile', p('server.ext'), '-out', p('server.pem'),
  ]);
  // Keys stay root-only (both daemons read them before dropping privileges); the CA cert is public
  // so a non-root client process (e.g. a browser under Playwright) can trust it.
  await chmod(p('ca.key'), 0o600);
  await chmod(p('server.key'), 0o600);
  await chmod(p('ca.pem'), 0o644);
  return {
    caCertPem: await readFile(p('ca.pem'), 'utf8'),
    caCertPath: p('ca.pem'),
    serverCertPath: p('server.pem'),
    serverKeyPath: p('server.key'),
  };
}
