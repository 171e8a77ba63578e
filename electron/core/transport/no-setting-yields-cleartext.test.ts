/**
 * The connection policy, walked over every setting a user (or a hostile autoconfig answer) could
 * give: each combination yields TLS from the first byte or STARTTLS as a hard requirement, verified,
 * at TLS 1.2 or newer; never a cleartext or opportunistic option set.
 */
import { describe, expect, it } from 'vitest';
import { imapOptions, smtpOptions, tlsOptionsFor } from './tls-policy';

const hosts = ['mail.example.com', '127.0.0.1', '::1'];
const ports = [25, 110, 143, 465, 587, 993, 2525, 65535];
// Includes values no validator would let through: the policy must fail closed on them too.
const securities = [undefined, 'tls', 'starttls', 'none', 'plain', '', 'STARTTLS'] as const;
const pins = [undefined, 'AB:'.repeat(31) + 'AB'];
const trusts = [{ extraTrustAnchors: [] }, { extraTrustAnchors: ['-----BEGIN CERTIFICATE-----'] }];
const credentials = { user: 'alice@example.com', pass: 'secret' };

describe('connection policy', () => {
  for (const host of hosts) {
    for (const port of ports) {
      it(`${host}:${port} is implicit TLS or required STARTTLS, for IMAP and SMTP`, () => {
        for (const security of securities) {
          for (const pinnedFingerprint256 of pins) {
            for (const trust of trusts) {
              const endpoint = { host, port, security: security as 'tls', pinnedFingerprint256 };
              const starttls = security === 'starttls';

              const imap = imapOptions(endpoint, credentials, trust);
              expect(imap).not.toHaveProperty('ignoreTLS');
              if (starttls) expect(imap).toMatchObject({ secure: false, doSTARTTLS: true });
              else {
                expect(imap.secure).toBe(true);
                expect(imap).not.toHaveProperty('doSTARTTLS');
              }
              expect(imap.tls.rejectUnauthorized).toBe(true);
              expect(imap.tls.minVersion).toBe('TLSv1.2');

              const smtp = smtpOptions(endpoint, credentials, trust);
              expect(smtp.secure).toBe(!starttls);
              expect(smtp.requireTLS).toBe(true);
              expect(smtp.forceAuth).toBe(true);
              expect(smtp).not.toHaveProperty('ignoreTLS');
              expect(smtp).not.toHaveProperty('opportunisticTLS');
              expect(smtp.tls.rejectUnauthorized).toBe(true);
              expect(smtp.tls.minVersion).toBe('TLSv1.2');
              // A pin narrows trust, it never loosens it.
              expect(typeof smtp.tls.checkServerIdentity === 'function').toBe(!!pinnedFingerprint256);
            }
          }
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

  it('parses the roots and extra anchors once for every connection with the same trust, not once per connection', () => {
    const trust = { extraTrustAnchors: ['EXTRA'] };
    const first = tlsOptionsFor({ host: 'mail.example.com', port: 993 }, trust).secureContext;
    expect(first).toBeDefined();
    expect(tlsOptionsFor({ host: 'smtp.example.com', port: 465 }, trust).secureContext).toBe(first);
    expect(tlsOptionsFor({ host: 'mail.example.com', port: 993 }, { extraTrustAnchors: ['OTHER'] }).secureContext).not.toBe(first);
  });

  it('verifies a pinned endpoint against its pinned chain alone, with the fingerprint checked', () => {
    const pin = { fingerprint256: 'AB:'.repeat(31) + 'AB', anchors: ['PINNED-CHAIN'] };
    const options = tlsOptionsFor({ host: 'mail.example.com', port: 993 }, { extraTrustAnchors: ['EXTRA'] }, pin);
    expect(options.ca).toEqual(['PINNED-CHAIN']);
    expect(options.rejectUnauthorized).toBe(true);
    const other = { fingerprint256: 'CD:'.repeat(31) + 'CD', subject: { CN: 'mail.example.com' }, subjectaltname: 'DNS:mail.example.com' };
    expect(options.checkServerIdentity!('mail.example.com', other as never)).toMatchObject({ code: 'ERR_SEALMAIL_PIN_MISMATCH' });
    expect(options.checkServerIdentity!('mail.example.com', { ...other, fingerprint256: pin.fingerprint256 } as never)).toBeUndefined();
  });
});
