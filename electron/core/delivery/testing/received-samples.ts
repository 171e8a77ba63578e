/**
 * Received fields in the formats real MTAs write, taken from each one's documented format (Postfix
 * smtpd_tls_received_header, Exim's received_header_text, Exchange Online, Gmail, Sendmail,
 * OpenSMTPD, Dovecot LMTP), folded as the servers fold them. Shared by the tests and the benchmark.
 */

export const POSTFIX = {
  tls13:
    'from mail.example.com (mail.example.com [192.0.2.1])\r\n' +
    '\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n' +
    '\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\r\n' +
    '\t(No client certificate requested)\r\n' +
    '\tby mx.example.org (Postfix) with ESMTPS id 4Xyz123\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 10:00:00 +0000 (UTC)',
  tls12:
    'from mail.example.com (mail.example.com [192.0.2.1])\r\n' +
    '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n' +
    '\t(No client certificate requested)\r\n' +
    '\tby mx.example.org (Postfix) with ESMTPS id 4Xyz124\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 10:00:00 +0000 (UTC)',
  clear:
    'from mail.example.com (mail.example.com [192.0.2.1])\r\n' +
    '\tby mx.example.org (Postfix) with ESMTP id 4Xyz125\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 10:00:00 +0000 (UTC)',
  authenticatedClear:
    'from laptop (dsl-198-51-100-7.example.net [198.51.100.7])\r\n' +
    '\tby smtp.example.com (Postfix) with ESMTPA id 4Xyz126\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 09:59:50 +0000 (UTC)',
  authenticatedTls:
    'from [198.51.100.7] (unknown [198.51.100.7])\r\n' +
    '\tby smtp.example.com (Postfix) with ESMTPSA id 4Xyz127\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 09:59:50 +0000 (UTC)',
  pickup: 'by smtp.example.com (Postfix, from userid 1000)\r\n\tid 4Xyz128; Tue, 1 Dec 2026 09:59:45 +0000 (UTC)',
};

export const EXIM = {
  tls13:
    'from host.example.com ([192.0.2.1] helo=host.example.com)\r\n' +
    '\tby mx.example.org with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384\r\n' +
    '\t(Exim 4.96)\r\n' +
    '\t(envelope-from <a@example.com>)\r\n' +
    '\tid 1abcDE-000123-Ab\r\n' +
    '\tfor u@example.org; Tue, 01 Dec 2026 10:00:00 +0000',
  tls12:
    'from host.example.com ([192.0.2.1] helo=host.example.com)\r\n' +
    '\tby mx.example.org with esmtps (TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256)\r\n' +
    '\t(Exim 4.94.2)\r\n' +
    '\t(envelope-from <a@example.com>)\r\n' +
    '\tid 1abcDE-000124-Ab\r\n' +
    '\tfor u@example.org; Tue, 01 Dec 2026 10:00:00 +0000',
  openssl12:
    'from [192.0.2.1] (port=50722 helo=host.example.com)\r\n' +
    '\tby mx.example.org with esmtpsa (TLSv1.2:ECDHE-RSA-AES256-GCM-SHA384:256)\r\n' +
    '\t(Exim 4.92)\r\n' +
    '\t(envelope-from <a@example.com>)\r\n' +
    '\tid 1abcDE-000125-Ab; Tue, 01 Dec 2026 10:00:00 +0000',
  local: 'from root by host.example.org with local (Exim 4.96)\r\n\t(envelope-from <root@host.example.org>)\r\n\tid 1abcDE-000126-Ab; Tue, 01 Dec 2026 09:59:40 +0000',
};

export const MICROSOFT = {
  outbound:
    'from EUR05-VI1-obe.outbound.protection.outlook.com (mail-vi1eur05on2050.outbound.protection.outlook.com [40.107.21.50])\r\n' +
    '\t(using TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits))\r\n' +
    '\t(No client certificate requested)\r\n' +
    '\tby mx.example.org (Postfix) with ESMTPS id 4Xyz130\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 10:00:00 +0000 (UTC)',
  frontend:
    'from AM6P194CA0012.EURP194.PROD.OUTLOOK.COM (2603:10a6:209:8f::25) by\r\n' +
    ' AM0PR01MB5678.eurprd01.prod.exchangelabs.com (2603:10a6:208:1a4::15) with\r\n' +
    ' Microsoft SMTP Server (version=TLS1_2,\r\n' +
    ' cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.28 via Frontend\r\n' +
    ' Transport; Tue, 1 Dec 2026 09:59:59 +0000',
  internal:
    'from AM0PR01MB1234.eurprd01.prod.exchangelabs.com (2603:10a6:208:12c::17) by\r\n' +
    ' AM6P194CA0012.EURP194.PROD.OUTLOOK.COM (2603:10a6:209:8f::25) with Microsoft SMTP\r\n' +
    ' Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id\r\n' +
    ' 15.20.7452.28; Tue, 1 Dec 2026 09:59:58 +0000',
  mapi:
    'from AM0PR01MB1234.eurprd01.prod.exchangelabs.com\r\n' +
    ' ([fe80::1c2d:3e4f:5a6b:7c8d]) by AM0PR01MB1234.eurprd01.prod.exchangelabs.com\r\n' +
    ' ([fe80::1c2d:3e4f:5a6b:7c8d%5]) with mapi id 15.20.7452.028; Tue, 1 Dec 2026\r\n' +
    ' 09:59:57 +0000',
};

export const GMAIL = {
  /** Gmail's MX receiving from Gmail's own sending servers. */
  mx:
    'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])\r\n' +
    '        by mx.google.com with SMTPS id a1sor123abc.12.2026.12.01.02.03.04\r\n' +
    '        for <u@gmail.com>\r\n' +
    '        (Google Transport Security);\r\n' +
    '        Tue, 01 Dec 2026 02:03:04 -0800 (PST)',
  /** Gmail's MX receiving from another organisation. */
  mxFromOutside:
    'from mail.example.com (mail.example.com. [192.0.2.1])\r\n' +
    '        by mx.google.com with ESMTPS id d2e3f4a5b6.5.2026.12.01.02.03.04\r\n' +
    '        for <u@gmail.com>\r\n' +
    '        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n' +
    '        Tue, 01 Dec 2026 02:03:04 -0800 (PST)',
  /** The mailbox's own hop, above the MX hop. */
  store: 'by 2002:a05:6a10:1234:b0:5a1:2345:6789 with SMTP id abc123;\r\n        Tue, 1 Dec 2026 02:03:05 -0800 (PST)',
  /** The sender's side, Gmail's first hop. */
  origin: 'by mail-sor-f41.google.com with SMTP id a1sor123abc.12.2026.12.01.02.03.03\r\n        for <u@gmail.com>; Tue, 01 Dec 2026 02:03:03 -0800 (PST)',
};

export const SENDMAIL = {
  tls13:
    'from host.example.com (host.example.com [192.0.2.1])\r\n' +
    '\tby mx.example.org (8.17.1/8.17.1) with ESMTPS id 4B1A2b3c012345\r\n' +
    '\t(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)\r\n' +
    '\tfor <u@example.org>; Tue, 1 Dec 2026 10:00:00 GMT',
};

export const OPENSMTPD = {
  tls13:
    'from host.example.com (host.example.com [192.0.2.1])\r\n' +
    '\tby mx.example.org (OpenSMTPD) with ESMTPS id 1a2b3c4d (TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO)\r\n' +
    '\tfor <u@example.org>;\r\n' +
    '\tTue, 1 Dec 2026 10:00:00 +0000 (UTC)',
};

export const DOVECOT = {
  lmtp:
    'from mx.example.org\r\n' +
    '\tby mail.example.org with LMTP\r\n' +
    '\tid Ab12CdEf34Gh56\r\n' +
    '\t(envelope-from <a@example.com>)\r\n' +
    '\tfor <u@example.org>; Tue, 01 Dec 2026 10:00:01 +0000',
  lmtps:
    'from mx.example.org\r\n' +
    '\tby mail.example.org with LMTPS\r\n' +
    '\tid Ab12CdEf34Gh57\r\n' +
    '\t(envelope-from <a@example.com>)\r\n' +
    '\tfor <u@example.org>; Tue, 01 Dec 2026 10:00:01 +0000',
  /** Delivery without a network hop (dovecot-lda, or LMTP over a socket with no LHLO name shown). */
  local: 'by mail.example.org with LMTP id Ab12CdEf34Gh58 for <u@example.org>; Tue, 01 Dec 2026 10:00:01 +0000',
};

/** A raw message: the Received fields given top (newest) first, a few other fields, a body. */
export function messageWith(received: readonly string[], body = 'Hello.\r\n'): string {
  return [
    'Return-Path: <a@example.com>',
    'Delivered-To: u@example.org',
    ...received.map((field) => `Received: ${field}`),
    'From: A <a@example.com>',
    'To: u@example.org',
    'Subject: Test',
    'Date: Tue, 1 Dec 2026 09:59:40 +0000',
    'Message-ID: <test@example.com>',
    '',
    body,
  ].join('\r\n');
}
