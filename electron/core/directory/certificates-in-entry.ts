/**
 * The certificate values of one directory entry, as DER. `userCertificate` (RFC 4523 §2.1, asked
 * for as `userCertificate;binary`, RFC 4522) holds one X.509 certificate per value;
 * `userSMIMECertificate` (RFC 2798 §2.6) holds a PKCS#7 SignedData whose certificates field
 * carries them (Outlook writes it so), and some directories put a bare certificate there: both
 * are read. Values that are neither are returned as they are, for the certificate check to refuse.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Entry } from 'ldapts';
import { MAX_CERTIFICATE_BYTES } from '../smimea/check-smimea-certificate';

export const CERTIFICATE_ATTRIBUTES = ['userCertificate;binary', 'userCertificate', 'userSMIMECertificate'] as const;

const SIGNED_DATA = '1.2.840.113549.1.7.2';
/** A SignedData bigger than this is not a handful of certificates. */
const MAX_PKCS7_BYTES = 16 * MAX_CERTIFICATE_BYTES;

export interface EntryValue {
  attribute: string;
  der: Buffer;
}

/** The values of the certificate attributes, whatever case the server wrote their names in. */
export function certificateValues(entry: Entry): EntryValue[] {
  const wanted = new Set(CERTIFICATE_ATTRIBUTES.map((a) => a.toLowerCase()));
  const values: EntryValue[] = [];
  for (const [attribute, raw] of Object.entries(entry)) {
    if (attribute === 'dn' || !wanted.has(attribute.toLowerCase())) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      // ldapts hands over a value that is valid UTF-8 as a string (decoded strictly): it goes back exactly.
      values.push({ attribute, der: Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8') });
    }
  }
  return values;
}

export type Unwrapped = { ok: true; certificates: Buffer[] } | { ok: false; why: string } | { ok: 'not-pkcs7' };

/** The certificates of a certs-only PKCS#7 (ContentInfo with SignedData), or 'not-pkcs7'. */
export function certificatesOfPkcs7(der: Buffer): Unwrapped {
  if (der.length > MAX_PKCS7_BYTES) return { ok: false, why: `is larger than ${MAX_PKCS7_BYTES / 1024} KB` };
  const parsed = asn1js.fromBER(new Uint8Array(der));
  if (parsed.offset === -1) return { ok: 'not-pkcs7' };
  let contentInfo: pkijs.ContentInfo;
  try {
    contentInfo = new pkijs.ContentInfo({ schema: parsed.result });
  } catch {
    return { ok: 'not-pkcs7' };
  }
  if (contentInfo.contentType !== SIGNED_DATA) return { ok: false, why: `is PKCS#7 of another kind (${contentInfo.contentType}), not certificates` };
  try {
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const certificates = (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => Buffer.from(c.toSchema().toBER(false)));
    return { ok: true, certificates };
  } catch {
    return { ok: false, why: 'is a PKCS#7 SignedData that cannot be read' };
  }
}

/**
 * The candidate certificates of an entry value: a userSMIMECertificate that is PKCS#7 is unwrapped,
 * anything else is taken as one certificate (and judged as such).
 */
export function candidatesOf(value: EntryValue): { certificates: Buffer[]; problem?: string } {
  if (value.attribute.toLowerCase() !== 'usersmimecertificate') return { certificates: [value.der] };
  const unwrapped = certificatesOfPkcs7(value.der);
  if (unwrapped.ok === 'not-pkcs7') return { certificates: [value.der] };
  if (!unwrapped.ok) return { certificates: [], problem: unwrapped.why };
  if (unwrapped.certificates.length === 0) return { certificates: [], problem: 'is a PKCS#7 with no certificate in it' };
  return { certificates: unwrapped.certificates };
}
