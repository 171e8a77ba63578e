/**
 * Path building and validation for e-mail certificates (RFC 5280 §6, RFC 8550 §4): from the signer
 * up through the certificates at hand to one of the trust anchors, each link checked by signature
 * (never by name alone: a rogue root may copy the real CA's name), each certificate in force at the
 * time judged, issuers marked as CAs, and the emailProtection usage where usages are restricted.
 */
import type { SmimeCertificate } from '../cms/certificate';
import { extendedKeyUsages, isCa, keyUsageBits } from '../cms/certificate';
import { OID } from '../cms/oids';

export type ChainStatus = 'trusted' | 'untrusted' | 'expired';

export interface ChainResult {
  status: ChainStatus;
  /** Signer first; ends with the anchor when one was reached. */
  chain: SmimeCertificate[];
  reason: string | null;
}

const MAX_CHAIN = 8;

export function buildChain(leaf: SmimeCertificate, intermediates: SmimeCertificate[], anchors: SmimeCertificate[], at: Date): ChainResult {
  const usage = checkLeafUsage(leaf);
  const path = findPath([leaf], intermediates, anchors);
  if (!path) {
    return { status: 'untrusted', chain: [leaf], reason: 'the certificate was not issued by an authority you trust' };
  }
  if (usage) return { status: 'untrusted', chain: path, reason: usage };
  for (const cert of path) {
    const from = new Date(cert.x509.validFrom);
    const to = new Date(cert.x509.validTo);
    if (at < from) return { status: 'expired', chain: path, reason: `${describe(cert, leaf)} is not valid before ${from.toISOString()}` };
    if (at > to) return { status: 'expired', chain: path, reason: `${describe(cert, leaf)} expired on ${to.toISOString()}` };
  }
  return { status: 'trusted', chain: path, reason: null };
}

function describe(cert: SmimeCertificate, leaf: SmimeCertificate): string {
  return cert === leaf ? "the signer's certificate" : `the authority certificate ${cert.x509.subject.replace(/\n/g, ', ')}`;
}

/** Depth-first search; anchors are tried before intermediates so the shortest trusted path wins. */
function findPath(path: SmimeCertificate[], intermediates: SmimeCertificate[], anchors: SmimeCertificate[]): SmimeCertificate[] | null {
  const current = path[path.length - 1]!;
  for (const anchor of anchors) {
    if (anchor.der.equals(current.der)) return path;
    if (issued(anchor, current)) return [...path, anchor];
  }
  if (path.length >= MAX_CHAIN) return null;
  for (const candidate of intermediates) {
    if (path.some((c) => c.der.equals(candidate.der))) continue;
    if (!issued(candidate, current) || !canIssue(candidate)) continue;
    const found = findPath([...path, candidate], intermediates, anchors);
    if (found) return found;
  }
  return null;
}

function issued(issuer: SmimeCertificate, subject: SmimeCertificate): boolean {
  try {
    return subject.x509.checkIssued(issuer.x509) && subject.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

/** An intermediate must be a CA with keyCertSign, and, if it restricts usages, allow e-mail. */
function canIssue(cert: SmimeCertificate): boolean {
  if (!isCa(cert)) return false;
  const bits = keyUsageBits(cert);
  if (bits && !bits.has(5)) return false;
  const ekus = extendedKeyUsages(cert);
  return !ekus || ekus.includes(OID.kpEmailProtection) || ekus.includes(OID.anyExtendedKeyUsage);
}

/** RFC 8550 §4.4: a restricted certificate must allow emailProtection and digital signatures. */
function checkLeafUsage(leaf: SmimeCertificate): string | null {
  const ekus = extendedKeyUsages(leaf);
  if (ekus && !ekus.includes(OID.kpEmailProtection) && !ekus.includes(OID.anyExtendedKeyUsage)) {
    return 'the certificate is not meant for e-mail (it lacks the emailProtection usage)';
  }
  const bits = keyUsageBits(leaf);
  if (bits && !bits.has(0) && !bits.has(1)) return 'the certificate is not meant for signing';
  return null;
}
