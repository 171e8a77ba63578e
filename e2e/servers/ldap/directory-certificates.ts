// The certificates the test directory publishes: a CA of its own (not the TLS CA) and S/MIME user
// certificates made with openssl (RSA 2048, emailProtection, rfc822Name SAN), with their keys so a
// test can decrypt with OpenSSL what Sealmail encrypted to a certificate it looked up.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCa, issueCertificate, type CaFiles } from '../openssl-ca.js';

const run = promisify(execFile);

export interface UserCertificate {
  /** The address the certificate is for (its rfc822Name SAN and emailAddress). */
  address: string;
  certPem: string;
  /** PKCS#8 PEM private key. */
  keyPem: string;
  certPath: string;
  keyPath: string;
}

export interface UserCertificateRequest {
  name: string;
  address: string;
  /** extendedKeyUsage value; emailProtection unless a test wants a certificate that forbids it. */
  extendedKeyUsage?: string;
}

/** A CA for the directory's user certificates, valid for a week. */
export function createDirectoryCa(dir: string): Promise<CaFiles> {
  return createCa(dir, 'smime-ca', 'Sealmail Directory Test CA');
}

/** One S/MIME user certificate from `ca`, as `<dir>/<name>.pem` and `<dir>/<name>.key`. */
export async function issueUserCertificate(dir: string, ca: CaFiles, request: UserCertificateRequest): Promise<UserCertificate> {
  const files = await issueCertificate(dir, ca, request.name, {
    subject: `/CN=${request.name}/emailAddress=${request.address}`,
    key: 'rsa',
    extensions: [`subjectAltName = email:${request.address}`, 'keyUsage = critical, digitalSignature, keyEncipherment', `extendedKeyUsage = ${request.extendedKeyUsage ?? 'emailProtection'}`],
  });
  return {
    address: request.address,
    certPem: await readFile(files.certPath, 'utf8'),
    keyPem: await readFile(files.keyPath, 'utf8'),
    certPath: files.certPath,
    keyPath: files.keyPath,
  };
}

/** A certs-only PKCS#7 SignedData (what userSMIMECertificate holds, RFC 2798 §2.6) of `certs`, DER. */
export async function certsOnlyPkcs7(dir: string, name: string, certs: readonly UserCertificate[]): Promise<Buffer> {
  const out = join(dir, `${name}.p7b`);
  await run('openssl', ['crl2pkcs7', '-nocrl', ...certs.flatMap((c) => ['-certfile', c.certPath]), '-outform', 'DER', '-out', out]);
  return readFile(out);
}

/** The DER of a PEM certificate. */
export function pemToDer(pem: string): Buffer {
  const body = pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}
