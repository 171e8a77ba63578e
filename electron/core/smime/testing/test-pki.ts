/**
 * Makes a throwaway PKI with OpenSSL for the S/MIME tests: a CA (RSA), end-entity certificates for
 * e-mail (RSA or EC P-256) with the emailProtection usage, and whatever a test needs to attack it
 * (a rogue CA with the real CA's name, a certificate for another usage, CRL and OCSP pointers).
 * Everything lives in one temp folder the caller removes with `cleanup()`.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCertificates, type SmimeCertificate } from '../cms/certificate';

export interface TestIdentity {
  email: string;
  keyType: 'rsa' | 'ec';
  keyPem: string;
  key: KeyObject;
  certPem: string;
  certificate: SmimeCertificate;
  keyPath: string;
  certPath: string;
}

export interface TestCa {
  name: string;
  dir: string;
  certPem: string;
  certPath: string;
  keyPath: string;
  certificate: SmimeCertificate;
  configPath: string;
}

export interface IssueOptions {
  keyType?: 'rsa' | 'ec';
  extendedKeyUsage?: string;
  crlUrl?: string;
  ocspUrl?: string;
  days?: number;
  /** An exact validity window instead of `days` from now (a certificate that expired, or is not yet valid). */
  validity?: { from: Date; to: Date };
  /** Extra subjectAltName emails besides the main one, or a different subject email. */
  subjectEmail?: string;
  /**
   * The whole subject DN in `openssl -subj` form, kept as written (order, OUs, description), to
   * make certificates the way a given CA made them; default `/CN=<local part>/emailAddress=<email>`.
   */
  subject?: string;
  /** certificatePolicies OIDs, e.g. '2.23.140.1.5.1.2' (CA/B Forum mailbox-validated). */
  policy?: string;
}

export class TestPki {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'sealmail-pki-'));
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** A self-signed CA named `subject`; two CAs may share a name (the rogue-root attack). */
  createCa(label: string, subject = '/O=Sealmail Test/CN=Sealmail Test CA', keyType: 'rsa' | 'ec' = 'rsa'): TestCa {
    return this.caFolder(label, keyType, ({ keyPath, certPath }) => {
      openssl(['req', '-x509', '-new', '-key', keyPath, '-out', certPath, '-days', '3650', '-subj', subject, '-sha256',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
        '-addext', 'subjectKeyIdentifier=hash']);
    });
  }

  /** An intermediate CA under `parent`, with its own database, so it can issue in turn. */
  createIntermediate(parent: TestCa, label: string, subject = `/O=Sealmail Test/CN=Sealmail Test ${label}`): TestCa {
    return this.caFolder(label, 'rsa', ({ dir, keyPath, certPath }) => {
      openssl(['req', '-new', '-key', keyPath, '-out', join(dir, 'ca.csr'), '-subj', subject]);
      writeFileSync(join(dir, 'ca.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
      openssl(['ca', '-batch', '-config', parent.configPath, '-in', join(dir, 'ca.csr'), '-out', certPath, '-extfile', join(dir, 'ca.ext'), '-days', '1825', '-notext', '-md', 'sha256']);
    });
  }

  /**
   * A CA's folder with its own database (index, serial, CRL number) and openssl.cnf, and a fresh
   * key; `certify` writes the CA's certificate to `certPath` (self-signed or from a parent).
   */
  private caFolder(label: string, keyType: 'rsa' | 'ec', certify: (paths: { dir: string; keyPath: string; certPath: string }) => void): TestCa {
    const dir = join(this.root, label);
    mkdirSync(join(dir, 'issued'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), `${(Math.floor(Math.random() * 1e6) + 4096).toString(16).padStart(6, '0')}\n`);
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    const configPath = join(dir, 'openssl.cnf');
    writeFileSync(configPath, caConfig(dir));
    const keyPath = join(dir, 'ca.key');
    const certPath = join(dir, 'ca.pem');
    genKey(keyType, keyPath);
    certify({ dir, keyPath, certPath });
    const certPem = readFileSync(certPath, 'utf8');
    return { name: label, dir, certPem, certPath, keyPath, certificate: readCertificates(certPem)[0]!, configPath };
  }

  /** Issues an e-mail certificate for `email` from `ca` (emailProtection unless told otherwise). */
  issue(ca: TestCa, email: string, options: IssueOptions = {}): TestIdentity {
    const keyType = options.keyType ?? 'rsa';
    const base = join(ca.dir, 'issued', `${email.replace(/[^a-z0-9]/gi, '_')}-${keyType}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}`);
    const keyPath = `${base}.key`;
    const csrPath = `${base}.csr`;
    const certPath = `${base}.pem`;
    const extPath = `${base}.ext`;
    genKey(keyType, keyPath);
    openssl(['req', '-new', '-key', keyPath, '-out', csrPath, '-subj', options.subject ?? `/CN=${email.split('@')[0]}/emailAddress=${options.subjectEmail ?? email}`]);
    const ext = [
      'basicConstraints=CA:FALSE',
      keyType === 'rsa' ? 'keyUsage=critical,digitalSignature,keyEncipherment' : 'keyUsage=critical,digitalSignature,keyAgreement',
      `extendedKeyUsage=${options.extendedKeyUsage ?? 'emailProtection'}`,
      `subjectAltName=email:${email}`,
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
      ...(options.crlUrl ? [`crlDistributionPoints=URI:${options.crlUrl}`] : []),
      ...(options.ocspUrl ? [`authorityInfoAccess=OCSP;URI:${options.ocspUrl}`] : []),
      ...(options.policy ? [`certificatePolicies=${options.policy}`] : []),
    ];
    writeFileSync(extPath, `${ext.join('\n')}\n`);
    // -preserveDN: `openssl ca` would otherwise reorder the subject and drop what its policy omits (OU, description).
    openssl(['ca', '-batch', '-config', ca.configPath, '-in', csrPath, '-out', certPath, '-extfile', extPath,
      ...validityArgs(options), '-notext', '-md', 'sha256', ...(options.subject ? ['-preserveDN'] : [])]);
    const keyPem = readFileSync(keyPath, 'utf8');
    const certPem = readFileSync(certPath, 'utf8');
    return { email, keyType, keyPem, key: createPrivateKey(keyPem), certPem, certificate: readCertificates(certPem)[0]!, keyPath, certPath };
  }

  /** Marks a certificate revoked in the CA's database (for the CRL and `openssl ocsp`). */
  revoke(ca: TestCa, identity: TestIdentity): void {
    openssl(['ca', '-config', ca.configPath, '-revoke', identity.certPath, '-crl_reason', 'keyCompromise']);
  }

  /** The CA's current CRL, DER. */
  crl(ca: TestCa): Buffer {
    const pem = join(ca.dir, `crl-${Date.now()}.pem`);
    openssl(['ca', '-config', ca.configPath, '-gencrl', '-out', pem, '-crldays', '7', '-md', 'sha256']);
    return Buffer.from(execFileSync('openssl', ['crl', '-in', pem, '-outform', 'DER']));
  }

  /** `identity` with its key and `ca`'s certificate as a PKCS#12 file, as a CA's web enrolment hands it out. */
  pkcs12(identity: TestIdentity, ca: TestCa, password: string): Buffer {
    return openssl(['pkcs12', '-export', '-inkey', identity.keyPath, '-in', identity.certPath, '-certfile', ca.certPath, '-passout', `pass:${password}`]);
  }

  /** A file path inside the PKI folder, for tests that hand files to openssl or gpgsm. */
  path(name: string): string {
    return join(this.root, name);
  }
}

export function openssl(args: string[], input?: Buffer | string): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function validityArgs(options: IssueOptions): string[] {
  if (!options.validity) return ['-days', String(options.days ?? 365)];
  // openssl ca takes GeneralizedTime-like YYYYMMDDHHMMSSZ.
  const stamp = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  return ['-startdate', stamp(options.validity.from), '-enddate', stamp(options.validity.to)];
}

function genKey(keyType: 'rsa' | 'ec', path: string): void {
  if (keyType === 'rsa') openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path]);
  else openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
}

function caConfig(dir: string): string {
  return `[ca]
default_ca = test_ca
[test_ca]
dir = ${dir}
database = ${dir}/index.txt
serial = ${dir}/serial
crlnumber = ${dir}/crlnumber
new_certs_dir = ${dir}/issued
certificate = ${dir}/ca.pem
private_key = ${dir}/ca.key
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = optional
emailAddress = optional
organizationName = optional
`;
}
