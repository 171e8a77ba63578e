/**
 * The connection policy, walked over the settings a user (or a hostile autoconfig answer) could
 * give: every combination yields TLS from the first byte, verified, at TLS 1.2 or newer.
 */
import { describe, expect, it } from 'vitest';
import { imapOptions, smtpOptions, tlsOptionsFor } from './tls-policy';

const hosts = ['mail.example.com', '127.0.0.1', '::1'];
const ports = [25, 110, 143, 465, 587, 993, 2525, 65535];
const credentials = { user: 'alice@example.com', pass: 'secret' };

describe('connection policy', () => {
  for (const host of hosts) {
    for (const port of ports) {
      it(`${host}:${port} is implicit TLS for IMAP and SMTP`, () => {
        for (const trust of [{ extraTrustAnchors: [] }, { extraTrustAnchors: ['-----BEGIN CERTIFICATE-----'] }]) {
          const imap = imapOptions({ host, port }, credentials, trust);
          expect(imap.secure).toBe(true);
          expect(imap).not.toHaveProperty('doSTARTTLS', false);
          expect(imap.tls.rejectUnauthorized).toBe(true);
          expect(imap.tls.minVersion).toBe('TLSv1.2');

          const smtp = smtpOptions({ host, port }, credentials, trust);
          expect(smtp.secure).toBe(true);
          expect(smtp.requireTLS).toBe(true);
          expect(smtp).not.toHaveProperty('ignoreTLS');
          expect(smtp.tls.rejectUnauthorized).toBe(true);
          expect(smtp.tls.minVersion).toBe('TLSv1.2');
        }
      });
    }
  }

  it('sends the host name as SNI, but never an IP address', () => {
    expect(tlsOptionsFor({ host: 'mail.example.com', port: 993 }, { extraTrustAnchors: [] }).servername).toBe('mail.example.com');
    expect(tlsOptionsFor({ host: '127.0.0.1', port: 993 }, { extraTrustAnchors: [] }).servername).toBeUndefined();
  });

  it('adds extra trust anchors to the system roots rather than replacing them', () => {
    const options = tlsOptionsFor({ host: 'mail.example.com', port: 993 }, { extraTrustAnchors: ['EXTRA'] });
    const ca = options.ca as string[];
    expect(ca).toContain('EXTRA');
    expect(ca.length).toBeGreaterThan(50);
  });
});
