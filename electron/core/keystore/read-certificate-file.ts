/**
 * Reads whatever file a user picks: a PKCS#12 (.p12/.pfx), or certificates as PEM or DER. Failures
 * become SealmailErrors worded with the file's name ('wrong password for alice.p12').
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { SealmailError } from '../../../shared/errors';
import { Pkcs12Error, readPkcs12 } from './pkcs12/read-pkcs12';

export interface FileContents {
  certificates: X509Certificate[];
  keys: KeyObject[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** @throws SealmailError WRONG_PASSWORD or INVALID_INPUT, each naming the file */
export function readCertificateFile(fileName: string, bytes: Uint8Array, password: string): FileContents {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const blocks = Buffer.from(bytes).toString('utf8').match(PEM_CERTIFICATE) ?? [];
    if (blocks.length === 0) throw new SealmailError('INVALID_INPUT', `${fileName} holds no certificate.`);
    return { certificates: blocks.map((pem) => parseCertificate(fileName, pem)), keys: [] };
  }
  const single = tryCertificate(bytes);
  if (single) return { certificates: [single], keys: [] };
  try {
    const contents = readPkcs12(bytes, password);
    return {
      certificates: contents.certificates.map((c) => parseCertificate(fileName, c.der)),
      keys: contents.keys.map((k) => createPrivateKey({ key: k.pkcs8, format: 'der', type: 'pkcs8' })),
    };
  } catch (error) {
    if (error instanceof SealmailError) throw error;
    if (!(error instanceof Pkcs12Error)) {
      throw new SealmailError('INVALID_INPUT', `${fileName} holds a key Sealmail cannot read.`, { cause: error });
    }
    switch (error.reason) {
      case 'wrong-password':
        throw new SealmailError('WRONG_PASSWORD', `wrong password for ${fileName}`, { cause: error });
      case 'truncated':
        throw new SealmailError('INVALID_INPUT', `${fileName} is incomplete: the file was cut short. Download or export it again.`, { cause: error });
      case 'unsupported':
        throw new SealmailError('INVALID_INPUT', `${fileName} is protected with ${error.message}, which Sealmail cannot read. Export it again with your tool's current settings.`, { cause: error });
      default:
        throw new SealmailError('INVALID_INPUT', `${fileName} is not a PKCS#12 (.p12/.pfx) or certificate file.`, { cause: error });
    }
  }
}

function tryCertificate(bytes: Uint8Array): X509Certificate | null {
  try {
    return new X509Certificate(bytes);
  } catch {
    return null;
  }
}

function parseCertificate(fileName: string, data: string | Uint8Array): X509Certificate {
  try {
    return new X509Certificate(data);
  } catch (error) {
    throw new SealmailError('INVALID_INPUT', `${fileName} holds a certificate Sealmail cannot read.`, { cause: error });
  }
}
