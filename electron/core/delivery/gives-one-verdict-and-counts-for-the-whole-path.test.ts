import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './read-delivery-report';
import { DOVECOT, MICROSOFT, POSTFIX, SENDMAIL, messageWith } from './testing/received-samples';

const PROVIDER = { hosts: ['imap.example.org', 'smtp.example.org', 'example.org'] };
const report = (...received: string[]) => readDeliveryReport(messageWith(received), PROVIDER);
const summary = (...received: string[]) => {
  const { verdict, withoutTls, unknown, claimed, hops } = report(...received);
  return { verdict, withoutTls, unknown, claimed, hops: hops.length };
};

describe('the verdict of a whole path', () => {
  it('says unknown for a message with no Received field at all', () => {
    expect(summary()).toEqual({ verdict: 'unknown', withoutTls: 0, unknown: 0, claimed: 0, hops: 0 });
  });

  it('says TLS on every hop when every hop between organisations says TLS, not counting in-house LMTP', () => {
    expect(summary(DOVECOT.lmtp, POSTFIX.tls13, POSTFIX.authenticatedTls)).toEqual({ verdict: 'tls-every-hop', withoutTls: 0, unknown: 0, claimed: 1, hops: 3 });
  });

  it('counts each hop between organisations that says it ran in clear', () => {
    expect(summary(DOVECOT.lmtp, POSTFIX.clear, POSTFIX.authenticatedClear)).toEqual({ verdict: 'hops-without-tls', withoutTls: 2, unknown: 0, claimed: 1, hops: 3 });
  });

  it('says unknown when a hop between organisations does not say, and not for in-house MAPI', () => {
    const silent = 'from a.example.com (a.example.com [192.0.2.1]) by mx.example.org with IMAP; Tue, 1 Dec 2026 10:00:00 +0000';
    expect(summary(DOVECOT.lmtp, silent)).toEqual({ verdict: 'unknown', withoutTls: 0, unknown: 1, claimed: 0, hops: 2 });
    expect(summary(MICROSOFT.mapi)).toMatchObject({ verdict: 'tls-every-hop', unknown: 0 });
  });

  it('says unknown when a hop cannot be read, and counts it', () => {
    expect(summary(DOVECOT.lmtp, SENDMAIL.tls13.replace('bits=256', '<b>bits</b>'))).toEqual({ verdict: 'unknown', withoutTls: 0, unknown: 1, claimed: 0, hops: 2 });
  });

  it('lets a hop without TLS outweigh hops that cannot be read', () => {
    expect(summary(DOVECOT.lmtp, 'from \u0007', POSTFIX.clear)).toEqual({ verdict: 'hops-without-tls', withoutTls: 1, unknown: 1, claimed: 1, hops: 3 });
  });

  it('counts claims in the verdict: a sender\'s own hop in clear still shows', () => {
    const { verdict, hops } = report(DOVECOT.lmtp, POSTFIX.tls13, POSTFIX.authenticatedClear);
    expect(verdict).toBe('hops-without-tls');
    expect(hops[0]).toMatchObject({ by: 'smtp.example.com', tls: 'none', trusted: false });
  });
});
