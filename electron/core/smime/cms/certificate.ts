/**
 * One X.509 certificate seen two ways: pkijs for its ASN.1 fields (extensions, names, CMS
 * identifiers) and node:crypto's X509Certificate for its keys, validity and signature checks.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateInfo } from '../../../../shared/smime-types';
import { validationLevelOf } from '../../keystore/validation-level';
import { decodeAsn1, toArrayBuffer, toBuffer } from './asn1';
import { OID } from './oids';

export interface SmimeCertificate {
  readonly der: Buffer;
  readonly x509: X509Certificate;
  /** Parsed on first use: pkijs's schema walk costs milliseconds, and most links never need it. */
  readonly cert: pkijs.Certificate;
}

export function certificateFromDer(der: Uint8Array): SmimeCertificate {
  const buffer = Buffer.from(der);
  // Node parses (and so validates) the DER at once; pkijs only when a field is asked for.
  const x509 = new X509Certificate(buffer);
  let parsed: pkijs.Certificate | null = null;
  return {
    der: buffer,
    x509,
    get cert() {
      parsed ??= new pkijs.Certificate({ schema: decodeAsn1(buffer, 'a certificate') });
      return parsed;
    },
  };
}

/** Reads every certificate in PEM text, or one DER certificate. */
export function readCertificates(input: string | Uint8Array): SmimeCertificate[] {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  const blocks = [...text.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)];
  if (blocks.length > 0) return blocks.map((block) => certificateFromDer(Buffer.from(block[1]!.replace(/\s+/g, ''), 'base64')));
  if (typeof input === 'string') throw new Error('no certificate found in the PEM text');
  return [certificateFromDer(input)];
}

export function toPem(certificate: SmimeCertificate): string {
  const lines = certificate.der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function publicKeyOf(certificate: SmimeCertificate): KeyObject {
  return certificate.x509.publicKey;
}

/** The e-mail addresses a certificate vouches for: rfc822Name in subjectAltName, then subject E=. */
export function emailsOf(certificate: SmimeCertificate): string[] {
  const emails: string[] = [];
  const san = extension(certificate, OID.subjectAltName);
  if (san?.parsedValue instanceof pkijs.AltName) {
    for (const name of san.parsedValue.altNames) if (name.type === 1 && typeof name.value === 'string') emails.push(name.value);
  }
  for (const rdn of certificate.cert.subject.typesAndValues) {
    if (rdn.type === OID.emailAddress) emails.push(String(rdn.value.valueBlock.value));
  }
  return [...new Set(emails.map((email) => email.toLowerCase()))];
}

export function extension(certificate: SmimeCertificate, oid: string): pkijs.Extension | undefined {
  return certificate.cert.extensions?.find((ext) => ext.extnID === oid);
}

/** Extended key usages, or null when the certificate has no such extension (no restriction). */
export function extendedKeyUsages(certificate: SmimeCertificate): string[] | null {
  const ext = extension(certificate, OID.extKeyUsage);
  if (!ext) return null;
  return ext.parsedValue instanceof pkijs.ExtKeyUsage ? ext.parsedValue.keyPurposes : [];
}

export function isCa(certificate: SmimeCertificate): boolean {
  const ext = extension(certificate, OID.basicConstraints);
  return ext?.parsedValue instanceof pkijs.BasicConstraints && ext.parsedValue.cA === true;
}

/** keyUsage bits by name, or null when absent. Bit 5 keyCertSign, 6 cRLSign (RFC 5280 §4.2.1.3). */
export function keyUsageBits(certificate: SmimeCertificate): Set<number> | null {
  const ext = extension(certificate, OID.keyUsage);
  if (!ext) return null;
  const bits = ext.parsedValue as asn1js.BitString;
  const bytes = new Uint8Array(bits.valueBlock.valueHexView);
  const set = new Set<number>();
  for (let bit = 0; bit < bytes.length * 8; bit++) if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) set.add(bit);
  return set;
}

export function subjectKeyIdentifier(certificate: SmimeCertificate): Buffer | null {
  const ext = extension(certificate, OID.subjectKeyIdentifier);
  return ext?.parsedValue instanceof asn1js.OctetString ? toBuffer(ext.parsedValue.valueBlock.valueHexView) : null;
}

/** Whether a CMS signer or recipient identifier (issuerAndSerialNumber or [0] SKI) names this certificate. */
export function matchesIdentifier(certificate: SmimeCertificate, id: pkijs.IssuerAndSerialNumber | asn1js.OctetString | unknown): boolean {
  if (id instanceof pkijs.IssuerAndSerialNumber) {
    // The serial is compared first through Node, so certificates that cannot match are never parsed by pkijs.
    const serial = toBuffer(id.serialNumber.valueBlock.valueHexView).toString('hex').replace(/^(00)+/, '').toUpperCase();
    if (serial !== certificate.x509.serialNumber.replace(/^(00)+/, '').toUpperCase()) return false;
    return certificate.cert.issuer.isEqual(id.issuer) && certificate.cert.serialNumber.isEqual(id.serialNumber);
  }
  if (id instanceof pkijs.RecipientKeyIdentifier) return matchesIdentifier(certificate, id.subjectKeyIdentifier);
  if (id instanceof asn1js.OctetString || id instanceof asn1js.Primitive || id instanceof asn1js.Constructed) {
    const ski = subjectKeyIdentifier(certificate);
    const value = (id as asn1js.OctetString).valueBlock?.valueHexView;
    return ski !== null && value !== undefined && ski.equals(toBuffer(value));
  }
  return false;
}

export function issuerAndSerial(certificate: SmimeCertificate): pkijs.IssuerAndSerialNumber {
  return new pkijs.IssuerAndSerialNumber({ issuer: certificate.cert.issuer, serialNumber: certificate.cert.serialNumber });
}

export function describeCertificate(certificate: SmimeCertificate): CertificateInfo {
  const emails = emailsOf(certificate);
  return {
    subject: certificate.x509.subject.replace(/\n/g, ', '),
    issuer: certificate.x509.issuer.replace(/\n/g, ', '),
    serialNumber: certificate.x509.serialNumber,
    fingerprint256: certificate.x509.fingerprint256,
    validFrom: new Date(certificate.x509.validFrom).toISOString(),
    validTo: new Date(certificate.x509.validTo).toISOString(),
    emails,
    // The same rule as the certificate manager's, so a badge never calls a placeholder name checked.
    validation: validationLevelOf(certificate.cert, emails),
  };
}

/**
 * The signer's name as the badge and details show it: the subject's common name, but only when the
 * CA checked it (keystore/validation-level.ts). A placeholder ("Thawte Freemail Member") or a name
 * the holder typed and nobody checked (VeriSign Class 1) is not shown as who signed; the address is.
 */
export function signerName(certificate: SmimeCertificate): string {
  if (validationLevelOf(certificate.cert, emailsOf(certificate)) !== 'identity-verified') return '';
  const cn = certificate.cert.subject.typesAndValues.find((rdn) => rdn.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : '';
}

export function certificateSchema(certificate: SmimeCertificate): pkijs.Certificate {
  return new pkijs.Certificate({ schema: decodeAsn1(toArrayBufferView(certificate.der), 'a certificate') });
}

function toArrayBufferView(buffer: Buffer): Uint8Array {
  return new Uint8Array(toArrayBuffer(buffer));
}
