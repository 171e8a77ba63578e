import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './read-delivery-report';
import { DOVECOT, POSTFIX, messageWith } from './testing/received-samples';

const NOBODY = { hosts: [] };
const bys = (message: Buffer | string) => readDeliveryReport(message, NOBODY).hops.map((hop) => hop.by);
const field = (by: string) => `Received: from a.example.com (a.example.com [192.0.2.1]) by ${by} with ESMTPS; Tue, 1 Dec 2026 10:00:00 +0000`;

describe('the header block', () => {
  it('returns the hops in travel order: the bottom field first, the top one last', () => {
    expect(bys(messageWith([DOVECOT.lmtp, POSTFIX.tls13, POSTFIX.authenticatedTls]))).toEqual(['smtp.example.com', 'mx.example.org', 'mail.example.org']);
  });

  it('reads a Buffer as it reads a string, with CRLF or bare LF line ends', () => {
    const crlf = messageWith([DOVECOT.lmtp, POSTFIX.tls13]);
    const lf = crlf.replace(/\r\n/g, '\n');
    const expected = readDeliveryReport(crlf, NOBODY);
    expect(readDeliveryReport(Buffer.from(crlf), NOBODY)).toEqual(expected);
    expect(readDeliveryReport(lf, NOBODY)).toEqual(expected);
    expect(readDeliveryReport(Buffer.from(lf), NOBODY)).toEqual(expected);
  });

  it('stops at the first empty line: a Received field in the body is not a hop', () => {
    const body = `${field('in-body.example.net')}\r\n\r\n${field('deeper.example.net')}`;
    expect(bys(messageWith([POSTFIX.tls13], body))).toEqual(['mx.example.org']);
    expect(bys(`Subject: x\n\n${field('in-body.example.net')}\n`)).toEqual([]);
    expect(bys(`\r\n${field('in-body.example.net')}\r\n`)).toEqual([]);
  });

  it('reads a message that is all header, with no empty line or body', () => {
    expect(bys(`${field('b.example.org')}\r\n${field('a.example.org')}`)).toEqual(['a.example.org', 'b.example.org']);
  });

  it('finds Received fields wherever they are among the others, in any letter case, keeping their order', () => {
    const message = ['Subject: out of place', field('c.example.org'), 'From: a@example.com', field('b.example.org').replace('Received:', 'RECEIVED :'), 'X-Received: by x.example.net; Tue, 1 Dec 2026 10:00:00 +0000', field('a.example.org').replace('Received', 'received'), '', 'body'].join('\r\n');
    expect(bys(message)).toEqual(['a.example.org', 'b.example.org', 'c.example.org']);
  });

  it('unfolds fields folded between any two words, inside comments and before the date', () => {
    const folded = 'Received:\r\n from\r\n a.example.com\r\n (a.example.com\r\n\t[192.0.2.1])\r\n (using\r\n TLSv1.3 with cipher\r\n TLS_AES_128_GCM_SHA256 (128/128 bits))\r\n by\r\n\t\tb.example.org\r\n with\r\n ESMTPS\r\n ;\r\n Tue, 1 Dec\r\n 2026 10:00:00\r\n +0000\r\n\r\n';
    expect(readDeliveryReport(folded, NOBODY).hops).toEqual([{
      from: 'a.example.com', fromIp: '192.0.2.1', by: 'b.example.org', protocol: 'ESMTPS', tls: 'tls', tlsVersion: 'TLS 1.3',
      cipher: 'TLS_AES_128_GCM_SHA256', time: '2026-12-01T10:00:00.000Z', internal: false, trusted: false, unreadable: null,
    }]);
  });

  it('drops continuation lines that belong to no field, and lines without a colon', () => {
    expect(bys(`  stray continuation\r\nnot a field\r\n\tmore\r\n${field('a.example.org')}\r\n\r\n`)).toEqual(['a.example.org']);
  });
});
