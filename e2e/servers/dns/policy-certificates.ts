// Certificates for the MTA-STS policy hosts, made with openssl (../openssl-ca.ts) as the mail servers' are: one
// CA the tests trust (its certificate is the world's caCertPem) and one throwaway CA nobody trusts.
import { mkdir, readFile } from 'node:fs/promises';
import { createCa, issueServerCertificate, type CaFiles } from '../openssl-ca.js';

export interface HostCertificate { certPem: string; keyPem: string }

export interface PolicyCertificates {
  /** The CA that signed every trusted host's certificate. */
  caCertPem: string;
  /** Per host name: a certificate for exactly that name, and its key. */
  hosts: Map<string, HostCertificate>;
}

async function issue(dir: string, ca: CaFiles, host: string): Promise<HostCertificate> {
  const files = await issueServerCertificate(dir, ca, host, host, [`DNS:${host}`]);
  return { certPem: await readFile(files.certPath, 'utf8'), keyPem: await readFile(files.keyPath, 'utf8') };
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
