/**
 * Whether a certificate found in an SMIMEA record can be encrypted to for one address: it parses,
 * is of sane size, names the address (RFC 8550 §3: subjectAltName rfc822Name, or emailAddress in
 * the subject), and its key usages allow e-mail encryption (RFC 8550 §4.4.2, §4.4.4; RFC 5280
 * §4.2.1.3). It does not check a CA chain: for DANE-EE the DNS record is the only vouching there
 * is (RFC 6698 §2.1.1, usage 3), and for PKIX-EE the chain is the keystore's to judge.
 */
import { domainToASCII } from 'node:url';
import { certificateFromDer, emailsOf, extendedKeyUsages, keyUsageBits, type SmimeCertificate } from '../smime/cms/certificate';
import { OID } from '../smime/cms/oids';

/** No e-mail certificate comes near this; a bigger one is an attack on the parser or a mistake. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;

// RFC 5280 §4.2.1.3 bit numbers.
const KEY_ENCIPHERMENT = 2;
const KEY_AGREEMENT = 4;

export type CertificateCheck = { ok: true; certificate: SmimeCertificate } | { ok: false; why: string };

/**
 * An address compared as emailsOf gives it: lower case (RFC 5321 §2.4 lets a local part be
 * case-sensitive, but CAs and mail systems treat it as not), the domain in A-labels.
 */
function comparable(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  const domain = address.slice(at + 1);
  return `${address.slice(0, at)}@${domainToASCII(domain) || domain}`.toLowerCase();
}

/**
 * Why the certificate cannot be used for `address` at `now` (a clause for "the certificate ..."),
 * or the parsed certificate.
 */
export function checkSmimeaCertificate(der: Buffer, address: string, now: Date = new Date()): CertificateCheck {
  if (der.length > MAX_CERTIFICATE_BYTES) return { ok: false, why: `is larger than ${MAX_CERTIFICATE_BYTES / 1024} KB` };
  let certificate: SmimeCertificate;
  let emails: string[];
  try {
    certificate = certificateFromDer(der);
    emails = emailsOf(certificate);
  } catch {
    return { ok: false, why: 'is not a readable certificate' };
  }
  const wanted = comparable(address);
  if (!emails.some((email) => comparable(email) === wanted)) {
    const named = emails.length > 0 ? `it is for ${emails.join(', ')}` : 'it names no e-mail address';
    return { ok: false, why: `is not for ${address} (${named})` };
  }
  // RFC 5280 §4.1.2.5: outside its validity the key may be retired or compromised without notice.
  if (now < new Date(certificate.x509.validFrom)) return { ok: false, why: `is not valid until ${new Date(certificate.x509.validFrom).toISOString().slice(0, 10)}` };
  if (now > new Date(certificate.x509.validTo)) return { ok: false, why: `expired on ${new Date(certificate.x509.validTo).toISOString().slice(0, 10)}` };
  const why = usageProblem(certificate);
  return why === null ? { ok: true, certificate } : { ok: false, why };
}

/** RFC 8550 §4.4.4 (extended key usage) and §4.4.2 (key usage, by the kind of key). */
function usageProblem(certificate: SmimeCertificate): string | null {
  let ekus: string[] | null;
  let bits: Set<number> | null;
  try {
    ekus = extendedKeyUsages(certificate);
    bits = keyUsageBits(certificate);
  } catch {
    return 'has key usages that cannot be read';
  }
  if (ekus && !ekus.includes(OID.kpEmailProtection) && !ekus.includes(OID.anyExtendedKeyUsage)) {
    return 'is not meant for e-mail (it lacks the emailProtection usage)';
  }
  if (!bits) return null;
  const keyType = certificate.x509.publicKey.asymmetricKeyType;
  // RSA is encrypted to by key transport, EC (and X25519/X448) by key agreement (RFC 8551 §2.3).
  const needed = keyType === 'rsa' ? KEY_ENCIPHERMENT : KEY_AGREEMENT;
  if (!bits.has(needed)) return 'does not allow encryption (its key usage lacks keyEncipherment or keyAgreement)';
  return null;
}
