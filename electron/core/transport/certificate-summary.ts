/**
 * What a server certificate looks like to a person (subject, issuer, SHA-256 fingerprint, validity),
 * read from the chain a TLS handshake presented, and what can be judged from it without a chain
 * check: whether it is in date, whether it names the host, whether the chain ends in its own root.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { DetailedPeerCertificate } from 'node:tls';
import type { CertificateSummary } from '../../../shared/errors';
import type { ServerEndpoint } from '../../../shared/domain';

/** The certificates the server sent, leaf first, as parsed X.509. */
export function presentedChain(peer: DetailedPeerCertificate): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw && !seen.has(current.fingerprint256) && chain.length < 10) {
    seen.add(current.fingerprint256);
    chain.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return chain;
}

/** "CN=mail.example.com\nO=Example" becomes "CN=mail.example.com, O=Example". */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

export function summarise(certificate: X509Certificate, endpoint: ServerEndpoint, pinnable = false): CertificateSummary {
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    fingerprint256: certificate.fingerprint256.toUpperCase(),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    server: { host: endpoint.host, port: endpoint.port },
    pinnable,
  };
}

export type CertificateProblem = 'expired' | 'not-yet-valid' | 'wrong-host' | null;

/** The problems a pin cannot excuse, checked the way the TLS stack checks them. */
export function problemOf(certificate: X509Certificate, host: string, now: Date): CertificateProblem {
  if (now > new Date(certificate.validTo)) return 'expired';
  if (now < new Date(certificate.validFrom)) return 'not-yet-valid';
  const names = isIP(host) ? certificate.checkIP(host) : certificate.checkHost(host);
  return names ? null : 'wrong-host';
}

/**
 * A chain can be pinned only when it ends in a certificate that signed itself, which then serves
 * as the anchor OpenSSL verifies against (Node 20 cannot verify against a bare leaf).
 */
export function endsInOwnRoot(chain: readonly X509Certificate[]): boolean {
  const last = chain[chain.length - 1];
  return !!last && last.checkIssued(last) && last.verify(last.publicKey);
}

export function toPem(certificates: readonly X509Certificate[]): string[] {
  return certificates.map((certificate) => certificate.toString());
}
