import { afterEach, describe, expect, it } from 'vitest';
import { DnsClient } from './dns-client';
import { dnssecStateOf, isLoopbackAddress } from './dnssec-state';
import { parseServerEntry, systemResolvers } from './system-resolvers';
import { startScriptedDns, type ScriptedDns } from './testing/scripted-dns';
import { zoneScript } from './testing/zone-script';

describe('the AD bit, decided from the resolver address alone (no packet leaves the machine here)', () => {
  it('believes AD only from 127.0.0.0/8 and ::1', () => {
    for (const address of ['127.0.0.1', '127.0.0.53', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '[::1]']) {
      expect(isLoopbackAddress(address), address).toBe(true);
      expect(dnssecStateOf(address, { rcode: 'NOERROR', authenticData: true })).toBe('secure');
    }
  });

  it('calls an answer from any other resolver unvalidated, whatever its AD bit says', () => {
    for (const address of ['8.8.8.8', '10.0.0.1', '192.168.1.1', '128.0.0.1', '::2', '2001:db8::1', '::ffff:8.8.8.8', 'resolver.example']) {
      expect(isLoopbackAddress(address), address).toBe(false);
      expect(dnssecStateOf(address, { rcode: 'NOERROR', authenticData: true })).toBe('unvalidated');
      expect(dnssecStateOf(address, { rcode: 'NOERROR', authenticData: false })).toBe('unvalidated');
      expect(dnssecStateOf(address, { rcode: 'SERVFAIL', authenticData: false, answeredWithCheckingDisabled: true })).toBe('unvalidated');
    }
  });

  it('is insecure from a loopback resolver without AD, and bogus only when CD brings the data SERVFAIL withheld', () => {
    expect(dnssecStateOf('127.0.0.1', { rcode: 'NOERROR', authenticData: false })).toBe('insecure');
    expect(dnssecStateOf('127.0.0.1', { rcode: 'SERVFAIL', authenticData: false, answeredWithCheckingDisabled: true })).toBe('bogus');
    expect(dnssecStateOf('127.0.0.1', { rcode: 'SERVFAIL', authenticData: false, answeredWithCheckingDisabled: false })).not.toBe('bogus');
  });

  it('reads the system resolvers from dns.getServers() entries', () => {
    expect(parseServerEntry('127.0.0.53')).toEqual({ host: '127.0.0.53', port: 53 });
    expect(parseServerEntry('127.0.0.1:5353')).toEqual({ host: '127.0.0.1', port: 5353 });
    expect(parseServerEntry('::1')).toEqual({ host: '::1', port: 53 });
    expect(parseServerEntry('[::1]:5353')).toEqual({ host: '::1', port: 5353 });
    expect(parseServerEntry('resolver.example:53')).toBeNull();
    expect(systemResolvers(['127.0.0.53', 'nonsense', '[::1]:99'])).toEqual([{ host: '127.0.0.53', port: 53 }, { host: '::1', port: 99 }]);
  });
});

describe('the DNS client against a validating resolver on 127.0.0.1', () => {
  let dns: ScriptedDns | undefined;
  afterEach(async () => {
    await dns?.close();
    dns = undefined;
  });

  it('asks with EDNS0 (1232 bytes) and the DO bit, and says secure when AD comes back', async () => {
    dns = await startScriptedDns(zoneScript({ 'signed.test': { signed: true, MX: [{ preference: 10, exchange: 'mx.signed.test' }] } }));
    const client = new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 });
    const result = await client.query('signed.test', 'MX');
    expect(result).toMatchObject({ rcode: 'NOERROR', dnssec: 'secure', resolver: dns.resolver });
    expect(result.answers).toEqual([expect.objectContaining({ type: 'MX', data: { preference: 10, exchange: 'mx.signed.test' } })]);
    expect(dns.queries[0]).toMatchObject({ transport: 'udp', dnssecOk: true, udpPayloadSize: 1232, checkingDisabled: false });
  });

  it('says insecure for an answer without AD', async () => {
    dns = await startScriptedDns(zoneScript({ 'plain.test': { TXT: ['hello'] } }));
    const result = await new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 }).query('plain.test', 'TXT');
    expect(result.dnssec).toBe('insecure');
  });

  it('tells badly signed data (SERVFAIL, data with CD) from a broken server (SERVFAIL either way), and hands out no bogus data', async () => {
    dns = await startScriptedDns((query) => {
      if (query.name === 'bogus.test') return query.checkingDisabled ? { answers: [{ type: 'TXT', name: 'bogus.test', data: ['forged'] }] } : { rcode: 'SERVFAIL' };
      return { rcode: 'SERVFAIL' };
    });
    const client = new DnsClient({ resolvers: [dns.resolver], timeoutMs: 2_000 });
    const bogus = await client.query('bogus.test', 'TXT');
    expect(bogus).toMatchObject({ rcode: 'SERVFAIL', dnssec: 'bogus', answers: [] });
    const broken = await client.query('broken.test', 'TXT');
    expect(broken.rcode).toBe('SERVFAIL');
    expect(broken.dnssec).not.toBe('bogus');
    expect(dns.queries.map((q) => `${q.name} cd=${q.checkingDisabled}`)).toEqual([
      'bogus.test cd=false', 'bogus.test cd=true', 'broken.test cd=false', 'broken.test cd=true',
    ]);
  });
});
