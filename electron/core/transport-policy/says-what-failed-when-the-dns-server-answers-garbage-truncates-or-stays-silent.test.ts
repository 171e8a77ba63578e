import { afterEach, describe, expect, it } from 'vitest';
import { DnsClient, DnsError } from './dns-client';
import type { MtaStsChecker } from './mta-sts';
import { checkDomain } from './recipient-domain-policy';
import { startScriptedDns, type ScriptedDns } from './testing/scripted-dns';
import { daneEe } from './testing/zone-script';
import { TransportPolicyService } from './transport-policy-service';

const clock = { now: () => new Date('2026-03-01T12:00:00Z') };

describe('a DNS server that misbehaves', () => {
  let dns: ScriptedDns | undefined;
  afterEach(async () => {
    await dns?.close();
    dns = undefined;
  });

  it('says the server answered something that is not DNS', async () => {
    dns = await startScriptedDns(() => ({ raw: Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n') }));
    const where = `${dns.resolver.host}:${dns.resolver.port}`;
    const error = await new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 }).query('x.test', 'MX').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DnsError);
    expect((error as Error).message).toBe(`the DNS server at ${where} answered something that is not DNS`);
  });

  it('says the server did not answer within the timeout', async () => {
    dns = await startScriptedDns(() => ({ silent: true }));
    const where = `${dns.resolver.host}:${dns.resolver.port}`;
    await expect(new DnsClient({ resolvers: [dns.resolver], timeoutMs: 300 }).query('x.test', 'MX')).rejects.toThrow(
      `the DNS server at ${where} did not answer within 0.3 s`,
    );
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    const tlsa = Array.from({ length: 40 }, (_, i) => ({ type: 'TLSA' as const, name: '_25._tcp.mx.big.test', data: daneEe(i.toString(16).padStart(2, '0').repeat(32)) }));
    dns = await startScriptedDns(() => ({ answers: tlsa, authenticData: true, truncateOverUdp: true }));
    const result = await new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 }).query('_25._tcp.mx.big.test', 'TLSA');
    expect(result.answers).toHaveLength(40);
    expect(result.dnssec).toBe('secure');
    expect(dns.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('ignores datagrams with another id or for another question, and takes the real answer', async () => {
    dns = await startScriptedDns(() => ({
      answers: [{ type: 'MX', name: 'x.test', data: { preference: 1, exchange: 'real.x.test' } }],
      decoysFirst: [{ type: 'MX', name: 'x.test', data: { preference: 1, exchange: 'forged.attacker.test' } }],
    }));
    const result = await new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 }).query('x.test', 'MX');
    expect(result.answers).toEqual([expect.objectContaining({ data: { preference: 1, exchange: 'real.x.test' } })]);
  });

  it('uses a fresh random id for each query', async () => {
    dns = await startScriptedDns(() => ({}));
    const client = new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.query(`n${i}.test`, 'A')));
    expect(new Set(dns.queries.map((q) => q.id)).size).toBeGreaterThan(1);
  });

  it('asks the next resolver when the first gives no answer', async () => {
    dns = await startScriptedDns(() => ({ answers: [{ type: 'A', name: 'x.test', data: '127.0.0.9' }] }));
    const silent = await startScriptedDns(() => ({ silent: true }));
    try {
      const result = await new DnsClient({ resolvers: [silent.resolver, dns.resolver], timeoutMs: 200 }).query('x.test', 'A');
      expect(result.resolver).toEqual(dns.resolver);
      expect(silent.queries).toHaveLength(1);
    } finally {
      await silent.close();
    }
  });

  it('makes the recipient domain unknown, with the failure in words, and never throws', async () => {
    dns = await startScriptedDns((query) => (query.type === 'MX' ? { raw: Buffer.from([1, 2, 3]) } : { silent: true }));
    const service = new TransportPolicyService({ resolvers: [dns.resolver], trust: { extraTrustAnchors: [] }, clock, timeoutMs: 1_200 });
    const [policy] = await service.check(['garbage.test']);
    const where = `${dns.resolver.host}:${dns.resolver.port}`;
    expect(policy).toMatchObject({ domain: 'garbage.test', kind: 'unknown', mx: [], dnssec: null, checkedAt: '2026-03-01T12:00:00.000Z' });
    expect(policy!.problems).toEqual([`the mail servers of garbage.test could not be looked up: the DNS server at ${where} answered something that is not DNS`]);
  });

  it('makes a domain whose server stays silent unknown within the domain timeout', async () => {
    dns = await startScriptedDns(() => ({ silent: true }));
    const service = new TransportPolicyService({ resolvers: [dns.resolver], trust: { extraTrustAnchors: [] }, clock, timeoutMs: 800 });
    const [policy] = await service.check(['silent.test']);
    const where = `${dns.resolver.host}:${dns.resolver.port}`;
    expect(policy!.kind).toBe('unknown');
    expect(policy!.problems).toEqual([`the mail servers of silent.test could not be looked up: the DNS server at ${where} did not answer within 0.2 s`]);
  });

  it('gives up on a domain whose checks outlast its time budget, and says so', async () => {
    dns = await startScriptedDns(() => ({}));
    const dnsClient = new DnsClient({ resolvers: [dns.resolver], timeoutMs: 1_000 });
    const neverAnswers = { check: () => new Promise(() => undefined) } as unknown as MtaStsChecker;
    const policy = await checkDomain('slow.test', { dns: dnsClient, mtaSts: neverAnswers, clock, timeoutMs: 250 });
    expect(policy).toMatchObject({ domain: 'slow.test', kind: 'unknown', dnssec: null, problems: ['the checks of slow.test did not finish within 0.25 s'] });
  });
});
