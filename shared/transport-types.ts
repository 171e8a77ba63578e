/**
 * Plain data about how Sealmail reaches a mail server: the measured protection of a connection
 * (posture) and the servers found for an address (discovery). Crosses the boundary as results.
 */
import type { ConnectionSecurity } from './domain';
import type { AppError, CertificateSummary } from './errors';

export type MailProtocol = 'imap' | 'smtp';

/** How one connection is protected, as measured by a TLS handshake that sent no credentials. */
export interface ConnectionPosture {
  protocol: MailProtocol;
  host: string;
  port: number;
  /** Implicit TLS from the first byte, or STARTTLS demanded before anything else. */
  security: ConnectionSecurity;
  /** As OpenSSL names it, e.g. 'TLSv1.3'. */
  tlsVersion: string;
  /** Standard (IANA) cipher suite name, e.g. 'TLS_AES_256_GCM_SHA384'. */
  cipher: string;
  certificate: CertificateSummary;
  /** 'ca': a trusted authority vouches for the certificate; 'pinned': the user trusted this exact certificate. */
  trust: 'ca' | 'pinned';
}

export type EndpointPosture = { ok: true; posture: ConnectionPosture } | { ok: false; error: AppError };

export interface AccountPosture {
  accountId: string;
  /** ISO 8601: when the handshakes were made. */
  checkedAt: string;
  imap: EndpointPosture;
  smtp: EndpointPosture;
}

export interface DiscoveredEndpoint {
  host: string;
  port: number;
  security: ConnectionSecurity;
}

/** Where the settings came from, in the order they are tried. */
export type DiscoverySource = 'srv' | 'autoconfig' | 'guess';

export interface DiscoveredSettings {
  imap: DiscoveredEndpoint;
  smtp: DiscoveredEndpoint;
  source: { imap: DiscoverySource; smtp: DiscoverySource };
  /** Plaintext offers that were seen and thrown away, said in words (e.g. 'autoconfig offered IMAP without TLS; ignored'). */
  discarded: string[];
  /**
   * Reasons to look before using the settings: a server outside the address's domain named by
   * unauthenticated DNS (RFC 6186 §6). Setup then waits for the person instead of going ahead.
   */
  confirm: string[];
  /** The provider's autoconfig says its IMAP server signs in with OAuth2: setup then asks how to sign in. */
  oauth2: boolean;
}
