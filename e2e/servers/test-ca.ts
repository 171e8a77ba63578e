// Creates a throwaway certificate authority and a server certificate for 127.0.0.1 with openssl,
// so tests can verify TLS for real (trusting only this CA) instead of disabling verification.
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { createCa, issueServerCertificate } from './openssl-ca.js';

export interface TestCa {
  caCertPem: string;
  caCertPath: string;
  serverCertPath: string;
  serverKeyPath: string;
}

export async function createTestCa(dir: string): Promise<TestCa> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const ca = await createCa(dir, 'ca', 'Sealmail Test CA');
  const server = await issueServerCertificate(dir, ca, 'server', 'mail.example.test', ['IP:127.0.0.1', 'DNS:localhost', 'DNS:mail.example.test']);
  // Keys stay root-only (both daemons read them before dropping privileges); the CA cert is public
  // so a non-root client process (e.g. a browser under Playwright) can trust it.
  await chmod(ca.certPath, 0o644);
  return {
    caCertPem: await readFile(ca.certPath, 'utf8'),
    caCertPath: ca.certPath,
    serverCertPath: server.certPath,
    serverKeyPath: server.keyPath,
  };
}
