import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './read-delivery-report';
import { DOVECOT, EXIM, GMAIL, MICROSOFT, OPENSMTPD, POSTFIX, SENDMAIL, messageWith } from './testing/received-samples';

/** The one hop a single Received field makes, read by nobody's provider. */
const hopOf = (field: string) => readDeliveryReport(messageWith([field]), { hosts: [] }).hops[0];

describe('TLS as each MTA writes it', () => {
  it('reads Postfix TLS 1.3 with the cipher from its using clause', () => {
    expect(hopOf(POSTFIX.tls13)).toEqual({
      from: 'mail.example.com', fromIp: '192.0.2.1', by: 'mx.example.org', protocol: 'ESMTPS',
      tls: 'tls', tlsVersion: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384', time: '2026-12-01T10:00:00.000Z',
      internal: false, trusted: false, unreadable: null,
    });
  });

  it('reads the older Postfix TLS 1.2 form with an OpenSSL cipher name', () => {
    expect(hopOf(POSTFIX.tls12)).toMatchObject({ protocol: 'ESMTPS', tls: 'tls', tlsVersion: 'TLS 1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384' });
  });

  it('says none for Postfix ESMTP and ESMTPA, and TLS for ESMTPSA even without the using clause', () => {
    expect(hopOf(POSTFIX.clear)).toMatchObject({ protocol: 'ESMTP', tls: 'none', tlsVersion: null, cipher: null });
    expect(hopOf(POSTFIX.authenticatedClear)).toMatchObject({ from: 'laptop', fromIp: '198.51.100.7', protocol: 'ESMTPA', tls: 'none' });
    expect(hopOf(POSTFIX.authenticatedTls)).toMatchObject({ from: '[198.51.100.7]', fromIp: '198.51.100.7', protocol: 'ESMTPSA', tls: 'tls', tlsVersion: null });
  });

  it('reads Exim 4.96 with its version comment and the RFC 8314 tls clause', () => {
    expect(hopOf(EXIM.tls13)).toEqual({
      from: 'host.example.com', fromIp: '192.0.2.1', by: 'mx.example.org', protocol: 'ESMTPS',
      tls: 'tls', tlsVersion: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384', time: '2026-12-01T10:00:00.000Z',
      internal: false, trusted: false, unreadable: null,
    });
  });

  it('reads the older Exim version:cipher:bits comment, GnuTLS and OpenSSL spellings', () => {
    expect(hopOf(EXIM.tls12)).toMatchObject({ tls: 'tls', tlsVersion: 'TLS 1.2', cipher: 'ECDHE_RSA_AES_256_GCM_SHA384' });
    expect(hopOf(EXIM.openssl12)).toMatchObject({
      from: '[192.0.2.1]', fromIp: '192.0.2.1', protocol: 'ESMTPSA', tls: 'tls', tlsVersion: 'TLS 1.2', cipher: 'ECDHE-RSA-AES256-GCM-SHA384',
    });
  });

  it('reads Microsoft 365 outbound, frontend, internal SMTP and MAPI hops', () => {
    expect(hopOf(MICROSOFT.outbound)).toMatchObject({
      from: 'EUR05-VI1-obe.outbound.protection.outlook.com', fromIp: '40.107.21.50', by: 'mx.example.org', tls: 'tls', tlsVersion: 'TLS 1.2',
    });
    expect(hopOf(MICROSOFT.frontend)).toEqual({
      from: 'AM6P194CA0012.EURP194.PROD.OUTLOOK.COM', fromIp: '2603:10a6:209:8f::25', by: 'AM0PR01MB5678.eurprd01.prod.exchangelabs.com',
      protocol: 'MICROSOFT SMTP SERVER', tls: 'tls', tlsVersion: 'TLS 1.2', cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      time: '2026-12-01T09:59:59.000Z', internal: false, trusted: false, unreadable: null,
    });
    expect(hopOf(MICROSOFT.internal)).toMatchObject({ protocol: 'MICROSOFT SMTP SERVER', tls: 'tls', tlsVersion: 'TLS 1.2' });
    expect(hopOf(MICROSOFT.mapi)).toMatchObject({ fromIp: 'fe80::1c2d:3e4f:5a6b:7c8d', protocol: 'MAPI', tls: 'unknown', internal: true, time: '2026-12-01T09:59:57.000Z' });
  });

  it('says none for an Exchange hop that names neither (TLS) nor a version', () => {
    expect(hopOf('from a.example.com (192.0.2.1) by b.example.org (192.0.2.2) with Microsoft SMTP Server id 14.3.498.0; Tue, 1 Dec 2026 10:00:00 +0000'))
      .toMatchObject({ fromIp: '192.0.2.1', tls: 'none' });
    expect(hopOf('from a.example.com (192.0.2.1) by b.example.org (192.0.2.2) with Microsoft SMTP Server (TLS) id 14.3.498.0; Tue, 1 Dec 2026 10:00:00 +0000'))
      .toMatchObject({ tls: 'tls', tlsVersion: null });
  });

  it('reads Gmail SMTPS with Google Transport Security, and ESMTPS with version and cipher', () => {
    expect(hopOf(GMAIL.mx)).toEqual({
      from: 'mail-sor-f41.google.com', fromIp: '209.85.220.41', by: 'mx.google.com', protocol: 'SMTPS',
      tls: 'tls', tlsVersion: null, cipher: null, time: '2026-12-01T10:03:04.000Z', internal: true, trusted: false, unreadable: null,
    });
    expect(hopOf(GMAIL.mxFromOutside)).toMatchObject({ from: 'mail.example.com', fromIp: '192.0.2.1', tls: 'tls', tlsVersion: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
    expect(hopOf(GMAIL.store)).toMatchObject({ from: null, fromIp: null, by: '2002:a05:6a10:1234:b0:5a1:2345:6789', protocol: 'SMTP', tls: 'none' });
  });

  it('reads Sendmail version= cipher= bits= verify=', () => {
    expect(hopOf(SENDMAIL.tls13)).toMatchObject({
      from: 'host.example.com', fromIp: '192.0.2.1', by: 'mx.example.org', protocol: 'ESMTPS', tls: 'tls', tlsVersion: 'TLS 1.3',
      cipher: 'TLS_AES_256_GCM_SHA384', time: '2026-12-01T10:00:00.000Z',
    });
  });

  it('reads OpenSMTPD version:cipher:bits:verify', () => {
    expect(hopOf(OPENSMTPD.tls13)).toMatchObject({ tls: 'tls', tlsVersion: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384', time: '2026-12-01T10:00:00.000Z' });
  });

  it('reads Dovecot LMTP as in clear, LMTPS as TLS', () => {
    expect(hopOf(DOVECOT.lmtp)).toEqual({
      from: 'mx.example.org', fromIp: null, by: 'mail.example.org', protocol: 'LMTP', tls: 'none', tlsVersion: null, cipher: null,
      time: '2026-12-01T10:00:01.000Z', internal: true, trusted: false, unreadable: null,
    });
    expect(hopOf(DOVECOT.lmtps)).toMatchObject({ protocol: 'LMTPS', tls: 'tls' });
  });

  it('takes every RFC 3848 and RFC 6531 protocol name for what its S says', () => {
    const protocols = {
      tls: ['ESMTPS', 'ESMTPSA', 'LMTPS', 'LMTPSA', 'UTF8SMTPS', 'UTF8SMTPSA', 'UTF8LMTPS', 'UTF8LMTPSA'],
      none: ['SMTP', 'ESMTP', 'ESMTPA', 'LMTP', 'UTF8SMTP', 'UTF8SMTPA', 'UTF8LMTP'],
    };
    for (const [tls, names] of Object.entries(protocols)) {
      for (const name of names) {
        const hop = hopOf(`from a.example.com (a.example.com [192.0.2.1]) by b.example.org with ${name.toLowerCase()}; Tue, 1 Dec 2026 10:00:00 +0000`);
        expect({ name, protocol: hop?.protocol, tls: hop?.tls }).toEqual({ name, protocol: name, tls });
      }
    }
    expect(hopOf('from a.example.com (a.example.com [192.0.2.1]) by b.example.org with IMAP; Tue, 1 Dec 2026 10:00:00 +0000')).toMatchObject({ tls: 'unknown' });
  });

  it('believes a TLS comment over a protocol name without the S', () => {
    expect(hopOf('from a.example.com (a.example.com [192.0.2.1]) (using TLSv1.2 with cipher AES256-SHA (256/256 bits)) by b.example.org with ESMTP; Tue, 1 Dec 2026 10:00:00 +0000'))
      .toMatchObject({ protocol: 'ESMTP', tls: 'tls', tlsVersion: 'TLS 1.2', cipher: 'AES256-SHA' });
    expect(hopOf('from a.example.com (a.example.com [192.0.2.1]) by b.example.org with ESMTP tls TLS_AES_128_GCM_SHA256; Tue, 1 Dec 2026 10:00:00 +0000'))
      .toMatchObject({ tls: 'tls', tlsVersion: null, cipher: 'TLS_AES_128_GCM_SHA256' });
  });
});

describe('TLS versions', () => {
  const withVersion = (version: string) => hopOf(`from a.example.com (a.example.com [192.0.2.1]) by b.example.org with ESMTPS (version=${version} cipher=X); Tue, 1 Dec 2026 10:00:00 +0000`);

  it('writes every spelling of a real version one way', () => {
    const spellings: Record<string, string> = {
      TLSv1: 'TLS 1.0', 'TLSv1.0': 'TLS 1.0', TLS1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', TLS1_1: 'TLS 1.1', 'TLSv1.2': 'TLS 1.2',
      TLS1_2: 'TLS 1.2', 'TLS1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3', TLS1_3: 'TLS 1.3', 'tls1.3': 'TLS 1.3', SSLv3: 'SSL 3.0', SSL3: 'SSL 3.0',
    };
    for (const [written, version] of Object.entries(spellings)) expect({ written, version: withVersion(written)?.tlsVersion }).toEqual({ written, version });
  });

  it('keeps SSL 3.0 as what it is, a real but broken protocol', () => {
    expect(hopOf('from a.example.com (a.example.com [192.0.2.1]) (using SSLv3 with cipher DHE-RSA-AES256-SHA (256/256 bits)) by b.example.org (Postfix) with ESMTPS; Tue, 1 Dec 2026 10:00:00 +0000'))
      .toMatchObject({ tls: 'tls', tlsVersion: 'SSL 3.0', cipher: 'DHE-RSA-AES256-SHA' });
  });

  it('makes a header that claims a version that does not exist unreadable', () => {
    for (const invented of ['TLSv9.9', 'TLS1_7', 'SSLv4', 'TLSv2.0']) {
      expect(withVersion(invented)).toMatchObject({ tls: 'unknown', tlsVersion: null, unreadable: `It names TLS version ${invented}, which does not exist.` });
    }
    expect(hopOf('from a.example.com ([192.0.2.1] helo=a.example.com) by b.example.org with esmtps (TLS1.7:X:256) (Exim 4.96) id 1; Tue, 1 Dec 2026 10:00:00 +0000'))
      .toMatchObject({ unreadable: 'It names TLS version TLS1.7, which does not exist.' });
  });
});
