import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './read-delivery-report';
import { DOVECOT, EXIM, GMAIL, POSTFIX, messageWith } from './testing/received-samples';

/** The internal flags of the hops, travel order, for fields given top first. */
const internalOf = (...received: string[]) => readDeliveryReport(messageWith(received), { hosts: [] }).hops.map((hop) => hop.internal);
const hopFrom = (tcpInfo: string, by = 'mx.example.org', protocol = 'ESMTP') => `from sender.example.com (${tcpInfo}) by ${by} with ${protocol} id 1; Tue, 1 Dec 2026 10:00:00 +0000`;

describe('internal hops', () => {
  it('calls a hop from a loopback, private or link-local address internal, whatever the names', () => {
    for (const ip of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.3.4', 'IPv6:::1', 'IPv6:fd00::1', 'IPv6:fe80::1', 'IPv6:::ffff:10.0.0.1']) {
      expect({ ip, internal: internalOf(hopFrom(`sender.example.com [${ip}]`)) }).toEqual({ ip, internal: [true] });
    }
    for (const ip of ['172.32.0.1', '192.0.2.1', '8.8.8.8', 'IPv6:2001:db8::1', 'IPv6:fec0::1']) {
      expect({ ip, internal: internalOf(hopFrom(`sender.example.com [${ip}]`)) }).toEqual({ ip, internal: [false] });
    }
  });

  it('calls a hop internal when the checked sender name and the by host share a registrable domain', () => {
    expect(internalOf(hopFrom('relay.example.org [192.0.2.1]', 'mx.example.org', 'ESMTPS'))).toEqual([true]);
    expect(internalOf(hopFrom('a.example.co.uk [192.0.2.1]', 'b.example.co.uk', 'ESMTPS'))).toEqual([true]);
    expect(internalOf(GMAIL.mx)).toEqual([true]);
  });

  it('never calls a plaintext hop from a public address internal, however its names match', () => {
    expect(internalOf(hopFrom('relay.example.org [192.0.2.1]'))).toEqual([false]);
    expect(internalOf(hopFrom('a.example.co.uk [192.0.2.1]', 'b.example.co.uk'))).toEqual([false]);
    // From a private address the same plaintext hop stayed inside the organisation's network.
    expect(internalOf(hopFrom('relay.example.org [10.0.0.5]'))).toEqual([true]);
  });

  it('keeps hosts under one public or private suffix apart', () => {
    expect(internalOf(hopFrom('a.example.co.uk [192.0.2.1]', 'b.other.co.uk'))).toEqual([false]);
    expect(internalOf(hopFrom('ec2-192-0-2-1.compute-1.amazonaws.com [192.0.2.1]', 'ec2-198-51-100-2.compute-1.amazonaws.com'))).toEqual([false]);
    expect(internalOf(POSTFIX.tls13)).toEqual([false]);
  });

  it('does not take a name the sender gave itself as proof when the field shows its public address', () => {
    expect(internalOf('from mx.example.org (unknown [203.0.113.9]) by mx.example.org (Postfix) with ESMTP id 1; Tue, 1 Dec 2026 10:00:00 +0000')).toEqual([false]);
    expect(internalOf('from relay.example.org ([203.0.113.9]) by mx.example.org with ESMTP id 1; Tue, 1 Dec 2026 10:00:00 +0000')).toEqual([false]);
    expect(internalOf('from relay.example.org (HELO relay.example.org) (203.0.113.9) by mx.example.org with SMTP; Tue, 1 Dec 2026 10:00:00 +0000')).toEqual([false]);
  });

  it('takes the name Exim verified, and an LMTP client\'s name when no address is shown', () => {
    expect(internalOf('from relay.example.org ([203.0.113.9] helo=x) by mx.example.org with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) id 1; Tue, 1 Dec 2026 10:00:00 +0000')).toEqual([true]);
    expect(internalOf(DOVECOT.lmtp)).toEqual([true]);
    expect(internalOf('from mx.example.com by mail.example.org with LMTP id 1; Tue, 1 Dec 2026 10:00:00 +0000')).toEqual([false]);
  });

  it('calls local deliveries internal: LMTP without from, Postfix pickup, Exim local', () => {
    expect(internalOf(DOVECOT.local)).toEqual([true]);
    expect(internalOf(POSTFIX.pickup)).toEqual([true]);
    expect(internalOf(EXIM.local)).toEqual([true]);
  });

  it('ties a hop with no from to the neighbour that names the same organisation', () => {
    // Gmail's store hop follows mx.google.com; the sender's first hop hands over to mail-sor-f41.google.com.
    expect(internalOf(GMAIL.store, GMAIL.mx, GMAIL.origin)).toEqual([true, true, true]);
    expect(internalOf(GMAIL.store, GMAIL.mxFromOutside)).toEqual([false, true]);
  });

  it('does not call a lone hop with no from internal when nothing ties it to anyone', () => {
    expect(internalOf(GMAIL.store)).toEqual([false]);
    expect(internalOf(GMAIL.origin)).toEqual([false]);
    expect(internalOf('by mx.example.net with ESMTP id 1; Tue, 1 Dec 2026 10:00:00 +0000', POSTFIX.tls13)).toEqual([false, false]);
    expect(internalOf('by mx.example.org with ESMTP id 1; Tue, 1 Dec 2026 10:00:00 +0000', POSTFIX.tls13)).toEqual([false, true]);
  });
});
