import { describe, expect, it } from 'vitest';
import type { DeliveryReport } from '../../../shared/delivery-types';
import { parseReceived } from './parse-received';
import { readDeliveryReport } from './read-delivery-report';
import { tokenize } from './received-tokens';
import { DOVECOT, POSTFIX, messageWith } from './testing/received-samples';

const NOBODY = { hosts: [] };
const GOOD = 'from a.example.com (a.example.com [192.0.2.1]) by b.example.org with ESMTPS id 1 for <u@example.org>; Tue, 1 Dec 2026 10:00:00 +0000';
const unreadableOf = (field: string) => readDeliveryReport(messageWith([field]), NOBODY).hops[0]?.unreadable;

/** Runs `work`, asserting it finishes well within a second (a generous bound: the speed figure is the benchmark's). */
function quickly<T>(work: () => T): T {
  const start = performance.now();
  const result = work();
  expect(performance.now() - start).toBeLessThan(1000);
  return result;
}

describe('hostile Received fields', () => {
  it('refuses control characters, bare carriage returns and direction overrides', () => {
    for (const bad of ['\u0000', '\u001b[31m', '\r', '\u0085', '\u007f', '\u202e', '\u2066', '\ufeff']) {
      expect({ bad, reason: unreadableOf(GOOD.replace('b.example.org', `b.example${bad}.org`)) }).toEqual({ bad, reason: 'This Received field holds control characters.' });
    }
    expect(unreadableOf(GOOD.replace(' by', '\tby'))).toBeNull();
  });

  it('refuses HTML tags but reads angle-bracketed paths', () => {
    for (const tag of ['<b>', '</b>', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<SVG/onload=alert(1)>', '<!-- x -->', '<x onclick="a">', '<?xml']) {
      expect({ tag, reason: unreadableOf(GOOD.replace('id 1', `id ${tag}`)) }).toEqual({ tag, reason: 'This Received field holds an HTML tag.' });
    }
    for (const path of ['<u@example.org>', '<postmaster>', '<>', '<SRS0=ab=cd=example.com=u@fwd.example.net>', '<"a b"@example.org>', '<b@example.org>']) {
      expect({ path, reason: unreadableOf(GOOD.replace('<u@example.org>', path)) }).toEqual({ path, reason: null });
    }
  });

  it('refuses from and by values that are not host names, address literals or addresses', () => {
    const cases: Array<[string, string]> = [
      ['from a$b.example.com (a.example.com [192.0.2.1]) by b.example.org with ESMTP; Tue, 1 Dec 2026 10:00:00 +0000', 'Its from clause does not name a host or an address.'],
      ['from a.example.com by "b.example.org" with ESMTP; Tue, 1 Dec 2026 10:00:00 +0000', 'Its by clause does not name a host or an address.'],
      ['from a..example.com by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'Its from clause does not name a host or an address.'],
      ['from -a-.example.com by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'Its from clause does not name a host or an address.'],
      ['from [999.1.2.3] by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'Its from clause does not name a host or an address.'],
      ['from a.example.com by [IPv6:zz::1]; Tue, 1 Dec 2026 10:00:00 +0000', 'Its by clause does not name a host or an address.'],
      [`from ${'a'.repeat(64)}.example.com by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000`, 'Its from clause does not name a host or an address.'],
      ['from a.example.com (a.example.com [300.1.2.3]) by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', "Its from clause gives the sender's address as something that is not an IP address."],
      ['from by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'Its from clause names no host.'],
      ['from a.example.com b.example.com by c.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'Its from clause names more than one host.'],
      ['from a.example.com by b.example.org by c.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'It has two by clauses.'],
      ['hello from a.example.com by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'It begins with words that belong to no clause.'],
      ['from a.example.com by b.example.org with; Tue, 1 Dec 2026 10:00:00 +0000', 'Its with clause names no protocol.'],
      ['from a.example.com (a.example.com [192.0.2.1] by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'A comment in it is never closed.'],
      ['from a.example.com a.example.com [192.0.2.1]) by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000', 'A parenthesis in it is closed that was never opened.'],
      ['from a.example.com by b.example.org for <"u@example.org>; Tue, 1 Dec 2026 10:00:00 +0000', 'A quoted string in it is never closed.'],
      ['', 'This Received field is empty.'],
    ];
    for (const [field, reason] of cases) expect({ field, reason: unreadableOf(field) }).toEqual({ field, reason });
  });

  it('uses nothing else of an unreadable field', () => {
    expect(readDeliveryReport(messageWith([GOOD.replace('ESMTPS', 'ESMTPS <b>')]), NOBODY).hops).toEqual([{
      from: null, fromIp: null, by: null, protocol: null, tls: 'unknown', tlsVersion: null, cipher: null, time: null, internal: false, trusted: false,
      unreadable: 'This Received field holds an HTML tag.',
    }]);
  });

  it('refuses a field over 8 KB without parsing it, and a folded one too', () => {
    expect(unreadableOf(`from a.example.com (${'x '.repeat(4200)}) by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000`)).toBe('This Received field is longer than 8 KB.');
    expect(unreadableOf(`from a.example.com\r\n${' (x)\r\n'.repeat(3000)} by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000`)).toBe('This Received field is longer than 8 KB.');
    expect(unreadableOf(`from a.example.com (${'x'.repeat(7900)}) by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000`)).toBeNull();
  });

  it('reads the newest 100 Received fields and puts the older ones in one unreadable claim', () => {
    const fields = Array.from({ length: 150 }, (_, i) => GOOD.replace('b.example.org', `hop${149 - i}.example.org`));
    const report = readDeliveryReport(messageWith(fields), NOBODY);
    expect(report.hops).toHaveLength(101);
    expect(report.hops[0]).toMatchObject({ by: null, trusted: false, internal: false, unreadable: '50 older Received fields were not read: Sealmail reads the newest 100.' });
    expect(report.hops[1]?.by).toBe('hop50.example.org');
    expect(report.hops[100]?.by).toBe('hop149.example.org');
    expect(report).toMatchObject({ verdict: 'unknown', unknown: 1, claimed: 101 });

    expect(readDeliveryReport(messageWith(fields.slice(0, 101)), NOBODY).hops[0]?.unreadable).toBe('1 older Received field was not read: Sealmail reads the newest 100.');
    expect(readDeliveryReport(messageWith(fields.slice(0, 100)), NOBODY).hops.every((hop) => hop.unreadable === null)).toBe(true);
  });

  it('marks a hop stamped more than 15 minutes after the next server as unreadable, keeping what it says', () => {
    const at = (by: string, time: string) => GOOD.replace('b.example.org', by).replace('10:00:00', time);
    const report = readDeliveryReport(messageWith([at('c.example.org', '10:00:00'), at('b.example.org', '10:20:00'), at('a.example.org', '10:10:00')]), NOBODY);
    expect(report.hops.map((hop) => [hop.by, hop.time, hop.unreadable])).toEqual([
      ['a.example.org', '2026-12-01T10:10:00.000Z', null],
      ['b.example.org', '2026-12-01T10:20:00.000Z', "Its time is more than 15 minutes after the next server's."],
      ['c.example.org', '2026-12-01T10:00:00.000Z', null],
    ]);
    expect(report.verdict).toBe('unknown');
  });

  it('allows a few minutes of clock skew, and skips hops without a time when comparing', () => {
    const at = (by: string, time: string) => GOOD.replace('b.example.org', by).replace('10:00:00', time);
    const noTime = GOOD.replace('b.example.org', 'untimed.example.org').replace('; Tue, 1 Dec 2026 10:00:00 +0000', '');
    const report = readDeliveryReport(messageWith([at('c.example.org', '10:00:00'), noTime, at('a.example.org', '10:14:59')]), NOBODY);
    expect(report.hops.map((hop) => hop.unreadable)).toEqual([null, null, null]);
    expect(report.hops[1]?.time).toBeNull();
  });

  it('stays quick on a megabyte of open parentheses, in a field and given to the tokenizer directly', () => {
    const parens = '('.repeat(1024 * 1024);
    expect(quickly(() => readDeliveryReport(`Received: ${parens}\r\n\r\n`, NOBODY)).hops[0]?.unreadable).toBe('This Received field is longer than 8 KB.');
    expect(quickly(() => tokenize(parens)).problem).toBe('A comment in it is never closed.');
    expect(quickly(() => tokenize('(a'.repeat(500_000))).problem).toBe('A comment in it is never closed.');
    expect(quickly(() => tokenize(`"${'\\"'.repeat(500_000)}`)).problem).toBe('A quoted string in it is never closed.');
    expect(quickly(() => parseReceived(parens)).unreadable).toBe('This Received field is longer than 8 KB.');
  });

  it('stays quick on 100k-character tokens, huge headers and a quarter million Received fields', () => {
    const token = 'a'.repeat(100_000);
    expect(quickly(() => readDeliveryReport(messageWith([`from ${token} by b.example.org; Tue, 1 Dec 2026 10:00:00 +0000`]), NOBODY)).hops[0]?.unreadable)
      .toBe('This Received field is longer than 8 KB.');
    quickly(() => readDeliveryReport(`X-Junk: ${token.repeat(20)}\r\n${'Received: ' + GOOD + '\r\n'}\r\n`, NOBODY));
    quickly(() => readDeliveryReport(`X-Junk: x\r\n${` ${token}\r\n`.repeat(20)}\r\n`, NOBODY));
    const manyFields = Buffer.from(`Received: ${GOOD}\r\n`.repeat(250_000));
    expect(quickly(() => readDeliveryReport(manyFields, NOBODY)).hops[0]?.unreadable).toBe('249900 older Received fields were not read: Sealmail reads the newest 100.');
    quickly(() => readDeliveryReport(`Received: from a by b ${'<a<a '.repeat(1500)}\r\n\r\n`, NOBODY));
    quickly(() => readDeliveryReport(`Received: from a by b ${'<x y'.repeat(2000)}\r\n\r\n`, NOBODY));
    quickly(() => readDeliveryReport('\n'.repeat(1) + 'x'.repeat(2_000_000), NOBODY));
    quickly(() => readDeliveryReport('Received: x\n'.repeat(1) + '\r'.repeat(1_000_000), NOBODY));
  });

  it('never throws on random bytes around real fields, and always returns a well-formed report', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['(', ')', '[', ']', '<', '>', ';', ':', '"', '\\', ' ', '\t', '\r\n', '\r\n ', '=', '@', '.', 'a', '1', 'from ', 'by ', 'with ', 'tls ', 'TLSv1.', 'ESMTPS', '%', '\u00e9', '\u0000'];
    const pieces = [POSTFIX.tls13, DOVECOT.lmtp, GOOD];
    for (let run = 0; run < 2000; run++) {
      let field = pieces[run % pieces.length]!;
      for (let k = 0; k < 8; k++) {
        const at = Math.floor(random() * field.length);
        field = field.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + field.slice(at + Math.floor(random() * 3));
      }
      const report: DeliveryReport = readDeliveryReport(Buffer.from(messageWith([field, GOOD])), { hosts: ['example.org'] });
      expect(['tls-every-hop', 'hops-without-tls', 'unknown']).toContain(report.verdict);
      for (const hop of report.hops) {
        expect(['tls', 'none', 'unknown']).toContain(hop.tls);
        expect(hop.unreadable === null || typeof hop.unreadable === 'string').toBe(true);
      }
    }
  });
});
