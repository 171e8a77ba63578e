import { describe, expect, it } from 'vitest';
import { readDeliveryReport, type ProviderHosts } from './read-delivery-report';
import { DOVECOT, GMAIL, MICROSOFT, POSTFIX, messageWith } from './testing/received-samples';

const EXAMPLE_ORG: ProviderHosts = { hosts: ['imap.example.org', 'smtp.example.org', 'example.org'] };
const GMAIL_ACCOUNT: ProviderHosts = { hosts: ['imap.gmail.com', 'smtp.gmail.com', 'gmail.com'] };

/** The trusted flags of the hops, travel order (the sender's first). */
const trustOf = (received: string[], provider: ProviderHosts) => readDeliveryReport(messageWith(received), provider).hops.map((hop) => hop.trusted);

const SENDER_SUBMISSION =
  'from [198.51.100.7] (unknown [198.51.100.7]) by mail.example.com (Postfix) with ESMTPSA id 1; Tue, 1 Dec 2026 09:59:59 +0000';

describe('which hops the user\'s provider wrote', () => {
  it('believes the provider\'s own hops and calls the sender\'s side claims', () => {
    const report = readDeliveryReport(messageWith([DOVECOT.lmtp, POSTFIX.tls13, SENDER_SUBMISSION]), EXAMPLE_ORG);
    expect(report.hops.map((hop) => [hop.by, hop.trusted])).toEqual([
      ['mail.example.com', false],
      ['mx.example.org', true],
      ['mail.example.org', true],
    ]);
    expect(report.claimed).toBe(1);
  });

  it('trusts nothing when the top hop was not written by the provider', () => {
    const report = readDeliveryReport(messageWith([POSTFIX.tls13, SENDER_SUBMISSION]), { hosts: ['imap.example.net', 'example.net'] });
    expect(report.hops.map((hop) => hop.trusted)).toEqual([false, false]);
    expect(report.claimed).toBe(2);
  });

  it('keeps a forged provider hop below the boundary a claim', () => {
    const forged = 'from a.example.com (a.example.com [192.0.2.9]) by mx.example.org (Postfix) with ESMTPS id 9; Tue, 1 Dec 2026 09:59:00 +0000';
    const boundary = 'from attacker.example.net (attacker.example.net [203.0.113.9]) by mx.example.org (Postfix) with ESMTP id 8; Tue, 1 Dec 2026 10:00:00 +0000';
    expect(trustOf([DOVECOT.lmtp, boundary, forged], EXAMPLE_ORG)).toEqual([false, true, true]);
  });

  it('does not let a sender that calls itself the provider in HELO extend the trust', () => {
    const spoof = 'from mx.example.org (unknown [203.0.113.9]) by mx.example.org (Postfix) with ESMTP id 8; Tue, 1 Dec 2026 10:00:00 +0000';
    const forged = 'from mail.example.com (mail.example.com [192.0.2.1]) by mx.example.org (Postfix) with ESMTPS id 7; Tue, 1 Dec 2026 09:59:00 +0000';
    const report = readDeliveryReport(messageWith([spoof, forged]), EXAMPLE_ORG);
    expect(report.hops.map((hop) => [hop.trusted, hop.internal, hop.tls])).toEqual([
      [false, false, 'tls'],
      [true, false, 'none'],
    ]);
    expect(report.verdict).toBe('hops-without-tls');
  });

  it('does not take Sendmail\'s "may be forged" name, or a name in a bare-address comment, as checked', () => {
    const mayBeForged = 'from mx2.example.org (mx2.example.org [203.0.113.9] (may be forged)) by mx.example.org (8.17.1/8.17.1) with ESMTPS id 1; Tue, 1 Dec 2026 10:00:00 +0000';
    const bare = 'from mx2.example.org ([203.0.113.9]) by mx.example.org with ESMTPS id 1; Tue, 1 Dec 2026 10:00:00 +0000';
    for (const top of [mayBeForged, bare]) expect(trustOf([top, SENDER_SUBMISSION], EXAMPLE_ORG)).toEqual([false, true]);
  });

  it('passes the trust down through the provider\'s own relays: checked names, Exim\'s verified name, private and loopback senders', () => {
    const fromFilter = 'from localhost (localhost [127.0.0.1]) by mx.example.org (Postfix) with ESMTP id 3; Tue, 1 Dec 2026 10:00:02 +0000';
    const fromRelay = 'from relay.example.org ([192.0.2.10] helo=anything) by filter.example.org with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) id 2; Tue, 1 Dec 2026 10:00:01 +0000';
    const fromPrivate = 'from edge.example.net (edge.example.net [10.20.30.40]) by relay.example.org with ESMTPS id 1; Tue, 1 Dec 2026 10:00:00 +0000';
    expect(trustOf([fromFilter, fromRelay, fromPrivate, POSTFIX.tls13, SENDER_SUBMISSION], EXAMPLE_ORG)).toEqual([false, true, true, true, true]);
  });

  it('calls what a logged-in client wrote below its submission a claim, even from a private address', () => {
    const submission = 'from laptop (laptop.lan [192.168.1.5]) by smtp.example.org (Postfix) with ESMTPSA id 5; Tue, 1 Dec 2026 10:00:00 +0000';
    const clientWritten = 'from localhost (localhost [127.0.0.1]) by smtp.example.org with ESMTPS id 4; Tue, 1 Dec 2026 09:59:00 +0000';
    expect(trustOf([DOVECOT.lmtp, submission, clientWritten], { hosts: ['example.org'] })).toEqual([false, true, true]);
  });

  it('stops the trust below a hop it cannot read', () => {
    const unreadable = 'from relay.example.org (relay.example.org [192.0.2.10]) by mx.example.org with ESMTPS id\u0000 1; Tue, 1 Dec 2026 10:00:01 +0000';
    const top = 'from relay.example.org (relay.example.org [192.0.2.10]) by mail.example.org with LMTP; Tue, 1 Dec 2026 10:00:02 +0000';
    const report = readDeliveryReport(messageWith([top, unreadable, POSTFIX.tls13]), EXAMPLE_ORG);
    expect(report.hops.map((hop) => [hop.trusted, hop.unreadable])).toEqual([
      [false, null],
      [true, 'This Received field holds control characters.'],
      [true, null],
    ]);
  });

  it('believes all of Gmail\'s hops for a Gmail user writing to a Gmail user, through google.com and address-only hops', () => {
    const report = readDeliveryReport(messageWith([GMAIL.store, GMAIL.mx, GMAIL.origin]), GMAIL_ACCOUNT);
    expect(report.hops.map((hop) => [hop.by, hop.trusted, hop.internal])).toEqual([
      ['mail-sor-f41.google.com', true, true],
      ['mx.google.com', true, true],
      ['2002:a05:6a10:1234:b0:5a1:2345:6789', true, true],
    ]);
    expect(report).toMatchObject({ verdict: 'tls-every-hop', claimed: 0 });
  });

  it('calls the outside sender\'s hops claims for a Gmail user', () => {
    expect(trustOf([GMAIL.store, GMAIL.mxFromOutside, POSTFIX.authenticatedTls], GMAIL_ACCOUNT)).toEqual([false, true, true]);
  });

  it('counts Microsoft\'s infrastructure domains as an Outlook account\'s provider, up to a sender named by HELO and a public address', () => {
    const outlook = { hosts: ['outlook.office365.com', 'smtp.office365.com', 'outlook.com'] };
    const boundary = 'from mail.example.com (mail.example.com [192.0.2.1]) by AM6P194CA0012.EURP194.PROD.OUTLOOK.COM (2603:10a6:209:8f::25) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7452.28 via Frontend Transport; Tue, 1 Dec 2026 09:59:58 +0000';
    // Exchange writes `from <HELO name> (<address>)`: the name is the sender's word, 2603:10a6:... is public.
    expect(trustOf([MICROSOFT.mapi, MICROSOFT.frontend, boundary, SENDER_SUBMISSION], outlook)).toEqual([false, false, true, true]);
    expect(trustOf([MICROSOFT.mapi], { hosts: ['example.org'] })).toEqual([false]);
  });

  it('treats a loopback by as the provider when the provider itself is on loopback, as the test servers are', () => {
    const viaLocalhost = 'from [127.0.0.1] (localhost [127.0.0.1]) by localhost with ESMTPSA id 1; Tue, 1 Dec 2026 10:00:00 +0000';
    const via127 = 'from a.example.com (a.example.com [192.0.2.1]) by 127.0.0.1 with ESMTPS id 1; Tue, 1 Dec 2026 10:00:00 +0000';
    expect(trustOf([viaLocalhost], { hosts: ['127.0.0.1'] })).toEqual([true]);
    expect(trustOf([via127], { hosts: ['127.0.0.1'] })).toEqual([true]);
    expect(trustOf([viaLocalhost], EXAMPLE_ORG)).toEqual([false]);
  });

  it('believes the hop below a provider hop with no from only when that hop\'s by is the provider\'s', () => {
    const pickupOnOtherHost = 'from a.example.com (a.example.com [192.0.2.1]) by b.example.net with ESMTPS id 1; Tue, 1 Dec 2026 09:59:00 +0000';
    expect(trustOf([DOVECOT.local, POSTFIX.tls13], EXAMPLE_ORG)).toEqual([true, true]);
    expect(trustOf([DOVECOT.local, pickupOnOtherHost], EXAMPLE_ORG)).toEqual([false, true]);
  });
});
