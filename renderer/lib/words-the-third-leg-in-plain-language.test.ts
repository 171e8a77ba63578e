import { expect, test } from 'vitest';
import type { DeliveryReport } from '../../shared/delivery-types';
import { asSentence, deliveryIndicator, hopProtection, isEnforced, POLICY_WORDS } from './delivery-words';

const report = (overrides: Partial<DeliveryReport>): DeliveryReport => ({ hops: [], verdict: 'unknown', withoutTls: 0, unknown: 0, claimed: 0, ...overrides });

test('the indicator counts hops without TLS in words, and says no record when there are no Received headers', () => {
  expect(deliveryIndicator(report({ verdict: 'hops-without-tls', withoutTls: 2 })).word).toBe('2 hops without TLS');
  expect(deliveryIndicator(report({ verdict: 'hops-without-tls', withoutTls: 1 })).word).toBe('1 hop without TLS');
  expect(deliveryIndicator(report({ verdict: 'unknown' }))).toEqual({ word: 'Delivery unknown', detail: 'no delivery record', tone: 'neutral' });
});

test('the indicator is never in the signature badge’s green', () => {
  for (const verdict of ['tls-every-hop', 'hops-without-tls', 'unknown'] as const) {
    expect(deliveryIndicator(report({ verdict, hops: [] })).tone).not.toBe('good');
  }
});

test('a hop says its TLS version and cipher only where the header gave them', () => {
  const hop = { from: 'a.example', fromIp: null, by: 'b.example', protocol: 'ESMTPS', tls: 'tls' as const, tlsVersion: null, cipher: null, time: null, internal: false, trusted: true, unreadable: null };
  expect(hopProtection(hop)).toBe('TLS');
  expect(hopProtection({ ...hop, tlsVersion: 'TLS 1.2' })).toBe('TLS (TLS 1.2)');
  expect(hopProtection({ ...hop, tls: 'unknown' })).toBe('The header does not say whether TLS was used');
});

test('only DANE and MTA-STS in enforce mode count as enforced, and every kind has its words', () => {
  const policy = (kind: keyof typeof POLICY_WORDS) => ({ domain: 'x.example', kind, mx: [], dnssec: null, mtaSts: null, problems: [], checkedAt: '' });
  expect((['dane', 'mta-sts', 'mta-sts-testing', 'none', 'unknown'] as const).filter((kind) => isEnforced(policy(kind)))).toEqual(['dane', 'mta-sts']);
  expect(POLICY_WORDS.none).toBe('no policy: servers may fall back to plaintext');
});

test('the core’s clauses become sentences', () => {
  expect(asSentence('the domain nosuch.test does not exist')).toBe('The domain nosuch.test does not exist.');
  expect(asSentence('The DNS server at 127.0.0.2:53 did not answer within 5 s.')).toBe('The DNS server at 127.0.0.2:53 did not answer within 5 s.');
});
