// Integration test for the loopback DNS world: the validating unbound says secure, bogus, insecure
// and nonexistent where the zone table says so, refuses names outside test. without asking anyone,
// and the MTA-STS policy hosts' certificates chain to caCertPem (or, for untrusted.test, do not).
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { describe, expect, inject, it } from 'vitest';
import { DNS_WORLD_DOMAINS as D, liveDnsProcesses, mtaStsPolicy, MTA_STS_ID, queryDns, startDnsWorld } from './dns-world.js';

const world = inject('dnsWorld');

interface PolicyResponse { status: number; contentType: string | undefined; body: string }

/** GET https://mta-sts.<domain>/.well-known/mta-sts.txt from the policy server, trusting only caCertPem. */
function fetchPolicy(domain: string, path = '/.well-known/mta-sts.txt'): Promise<PolicyResponse> {
  const host = `mta-sts.${domain}`;
  return new Promise((resolve, reject) => {
    const req = request({
      host: world.policyHttps.host,
      port: world.policyHttps.port,
      servername: host,
      headers: { host },
      path,
      ca: [world.caCertPem],
      agent: false,
      timeout: 5000,
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body }));
    });
    req.on('timeout', () => req.destroy(new Error('policy request timed out')));
    req.on('error', reject);
    req.end();
  });
}

const tlsaName = (domain: string): string => `_25._tcp.mx.${domain}`;

describe('the DNS world resolver', () => {
  it('answers the signed zone with AD set', async () => {
    const mx = await queryDns(world.resolver, D.dane, 'MX');
    expect(mx).toMatchObject({ rcode: 'NOERROR', ad: true });
    expect(mx.answers.flatMap((a) => (a.type === 'MX' ? [a.data] : []))).toEqual([{ preference: 10, exchange: 'mx.dane.test' }]);

    const tlsa = await queryDns(world.resolver, tlsaName(D.dane), 'TLSA');
    expect(tlsa).toMatchObject({ rcode: 'NOERROR', ad: true });
    const record = tlsa.answers.find((a) => a.type === 'TLSA');
    expect(record?.type === 'TLSA' && record.data).toMatchObject({ usage: 3, selector: 1, matchingType: 1 });
    expect(record?.type === 'TLSA' && record.data.certificate.toString('hex')).toBe(world.dane.spkiSha256);
  });

  it('gives SERVFAIL for the TLSA record whose signature is broken, and the record only with CD set', async () => {
    const strict = await queryDns(world.resolver, tlsaName(D.bogus), 'TLSA');
    expect(strict.rcode).toBe('SERVFAIL');
    expect(strict.answers).toEqual([]);

    const unchecked = await queryDns(world.resolver, tlsaName(D.bogus), 'TLSA', { cd: true });
    expect(unchecked).toMatchObject({ rcode: 'NOERROR', ad: false });
    expect(unchecked.answers.filter((a) => a.type === 'TLSA')).toHaveLength(1);
  });

  it('answers the unsigned child zone without AD', async () => {
    const tlsa = await queryDns(world.resolver, tlsaName(D.insecure), 'TLSA');
    expect(tlsa).toMatchObject({ rcode: 'NOERROR', ad: false });
    expect(tlsa.answers.filter((a) => a.type === 'TLSA')).toHaveLength(1);
    const mx = await queryDns(world.resolver, D.insecure, 'MX');
    expect(mx).toMatchObject({ rcode: 'NOERROR', ad: false });
  });

  it('proves a name that is not in the zone does not exist', async () => {
    const reply = await queryDns(world.resolver, D.missing, 'MX');
    expect(reply).toMatchObject({ rcode: 'NXDOMAIN', ad: true });
  });

  it('refuses a name outside test. at once, without passing the question on', async () => {
    const started = Date.now();
    const reply = await queryDns(world.resolver, 'example.com', 'A', { timeoutMs: 2000 });
    expect(['REFUSED', 'SERVFAIL']).toContain(reply.rcode);
    expect(reply.answers).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
    // BIND logs every query it gets; the resolver never asked it (or anyone) about example.com.
    expect(readFileSync(world.logs.named, 'utf8')).not.toMatch(/example\.com/i);
  });

  it('publishes the MTA-STS TXT record and points the policy host at the policy server', async () => {
    const txt = await queryDns(world.resolver, `_mta-sts.${D.sts}`, 'TXT');
    expect(txt).toMatchObject({ rcode: 'NOERROR', ad: true });
    // A TXT record is a list of strings; this one fits in one.
    const strings = txt.answers.flatMap((a) => (a.type === 'TXT' ? [[a.data].flat().join('')] : []));
    expect(strings).toEqual([`v=STSv1; id=${MTA_STS_ID};`]);

    const a = await queryDns(world.resolver, `mta-sts.${D.sts}`, 'A');
    expect(a).toMatchObject({ rcode: 'NOERROR', ad: true });
    expect(a.answers.flatMap((r) => (r.type === 'A' ? [r.data] : []))).toEqual([world.policyHttps.host]);

    const none = await queryDns(world.resolver, `_mta-sts.${D.none}`, 'TXT');
    expect(none.rcode).toBe('NXDOMAIN');
  });
});

describe('the DNS world policy server', () => {
  it('serves the enforce policy of sts.test as text/plain over a certificate chaining to caCertPem', async () => {
    const res = await fetchPolicy(D.sts);
    expect(res).toEqual({ status: 200, contentType: 'text/plain', body: mtaStsPolicy('enforce', 'mx.sts.test') });
  });

  it('serves the testing policy and the policy whose mx does not match', async () => {
    expect((await fetchPolicy(D.testing)).body).toBe(mtaStsPolicy('testing', 'mx.testing.test'));
    expect((await fetchPolicy(D.mismatch)).body).toBe(mtaStsPolicy('enforce', 'mx.elsewhere.test'));
  });

  it('answers 404 for any other path', async () => {
    expect((await fetchPolicy(D.sts, '/.well-known/other.txt')).status).toBe(404);
  });

  it('presents a certificate for untrusted.test that does not chain to caCertPem', async () => {
    await expect(fetchPolicy(D.untrusted)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });
});

describe('startDnsWorld', () => {
  it('starts a second world beside the first, and stop() kills it and removes its directory, twice over', async () => {
    const second = await startDnsWorld();
    try {
      expect(second.resolver.port).not.toBe(world.resolver.port);
      expect(await queryDns(second.resolver, D.dane, 'MX')).toMatchObject({ rcode: 'NOERROR', ad: true });
      // Each world signs with its own keys: the first world's anchor does not open the second.
      expect(second.trustAnchor).not.toBe(world.trustAnchor);
    } finally {
      await second.stop();
      await second.stop();
    }
    expect(existsSync(second.dir)).toBe(false);
    expect(liveDnsProcesses(second)).toEqual([]);
  });
});
