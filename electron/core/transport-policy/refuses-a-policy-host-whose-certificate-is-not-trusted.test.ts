import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestAuthority } from '../testing/test-certificates';
import { startPolicyServer, stsPolicyText, type PolicyServer } from './testing/policy-server';
import { startScriptedDns, type ScriptedDns } from './testing/scripted-dns';
import { zoneScript } from './testing/zone-script';
import { TransportPolicyService } from './transport-policy-service';

const clock = { now: () => new Date('2026-03-01T12:00:00Z') };

describe('a policy host whose certificate Sealmail does not trust', () => {
  const trusted = makeTestAuthority();
  const stranger = makeTestAuthority();
  let dns: ScriptedDns;
  let untrusted: PolicyServer;
  let wrongName: PolicyServer;

  beforeAll(async () => {
    dns = await startScriptedDns(zoneScript({
      'untrusted.test': { MX: [{ preference: 10, exchange: 'mx.untrusted.test' }] },
      '_mta-sts.untrusted.test': { TXT: ['v=STSv1; id=u1;'] },
      'mta-sts.untrusted.test': { A: ['127.0.0.1'] },
    }));
    const policy = { 'mta-sts.untrusted.test': stsPolicyText('enforce', ['mx.untrusted.test']) };
    untrusted = await startPolicyServer(stranger.issue({ names: 'DNS:mta-sts.untrusted.test' }), policy);
    wrongName = await startPolicyServer(trusted.issue({ names: 'DNS:mta-sts.someone-else.test' }), policy);
  });
  afterAll(async () => {
    await Promise.all([dns.close(), untrusted.close(), wrongName.close()]);
  });

  const service = (httpsPort: number) =>
    new TransportPolicyService({ resolvers: [dns.resolver], trust: { extraTrustAnchors: [trusted.caPem] }, clock, timeoutMs: 8_000, httpsPort });

  it('refuses a certificate from an authority it does not trust, and does not take the policy', async () => {
    const [policy] = await service(untrusted.port).check(['untrusted.test']);
    expect(policy).toMatchObject({ kind: 'unknown', mtaSts: null, mx: ['mx.untrusted.test'] });
    expect(policy!.problems).toEqual([
      'the MTA-STS policy of untrusted.test could not be fetched: the certificate of mta-sts.untrusted.test is not from an authority Sealmail trusts',
    ]);
    expect(untrusted.requests).toEqual([]);
  });

  it('refuses a trusted authority\'s certificate for another name', async () => {
    const [policy] = await service(wrongName.port).check(['untrusted.test']);
    expect(policy!.kind).toBe('unknown');
    expect(policy!.problems).toEqual(['the MTA-STS policy of untrusted.test could not be fetched: the certificate of mta-sts.untrusted.test is for another name']);
    expect(wrongName.requests).toEqual([]);
  });

  it('trusts the same server once its authority is an extra trust anchor', async () => {
    const trusting = new TransportPolicyService({
      resolvers: [dns.resolver], trust: { extraTrustAnchors: [stranger.caPem] }, clock, timeoutMs: 8_000, httpsPort: untrusted.port,
    });
    const [policy] = await trusting.check(['untrusted.test']);
    expect(policy).toMatchObject({ kind: 'mta-sts', problems: [] });
  });
});
