/**
 * The transport-policy service against the loopback DNS world (e2e/servers/dns): BIND serving the
 * signed test. zone, unbound validating it on 127.0.0.2, and the MTA-STS policy server on
 * 127.0.0.3. Every domain of the world, checked at once, gets the kind, DNSSEC state and problems
 * a sending server would meet.
 */
import { describe, expect, inject, it } from 'vitest';
import { DNS_WORLD_DOMAINS as D, MTA_STS_ID } from '../../../e2e/servers/dns/dns-world';
import type { DomainTransportPolicy } from '../../../shared/delivery-types';
import { TransportPolicyService } from './transport-policy-service';

const world = inject('dnsWorld');
const clock = { now: () => new Date() };

function service(extraTrustAnchors: string[] = [world.caCertPem]): TransportPolicyService {
  return new TransportPolicyService({ resolvers: [world.resolver], trust: { extraTrustAnchors }, clock, timeoutMs: 20_000, httpsPort: world.policyHttps.port });
}

describe('recipient domains checked against BIND, a validating unbound and an HTTPS policy server', () => {
  let byDomain: Map<string, DomainTransportPolicy>;

  it('checks every domain of the world at once and answers in the order asked', async () => {
    const domains = Object.values(D);
    const policies = await service().check(domains);
    expect(policies.map((p) => p.domain)).toEqual(domains);
    byDomain = new Map(policies.map((p) => [p.domain, p]));
  });

  it('says dane for a domain whose MX and TLSA answers the resolver on this machine validated', () => {
    expect(byDomain.get(D.dane)).toMatchObject({ kind: 'dane', dnssec: 'secure', mx: ['mx.dane.test'], mtaSts: null, problems: [] });
  });

  it('says mta-sts for an enforce policy fetched over HTTPS from mta-sts.sts.test', () => {
    expect(byDomain.get(D.sts)).toMatchObject({
      kind: 'mta-sts', dnssec: 'secure', mx: ['mx.sts.test'], problems: [],
      mtaSts: { mode: 'enforce', mx: ['mx.sts.test'], maxAge: 604800, id: MTA_STS_ID },
    });
  });

  it('says mta-sts-testing for a testing policy', () => {
    expect(byDomain.get(D.testing)).toMatchObject({ kind: 'mta-sts-testing', dnssec: 'secure', problems: [], mtaSts: { mode: 'testing' } });
  });

  it('says none for a signed domain with neither TLSA nor MTA-STS', () => {
    expect(byDomain.get(D.none)).toMatchObject({ kind: 'none', dnssec: 'secure', mx: ['mx.none.test'], mtaSts: null, problems: [] });
  });

  it('shows badly signed TLSA records as a problem and cannot say', () => {
    expect(byDomain.get(D.bogus)).toMatchObject({
      kind: 'unknown', dnssec: 'bogus', mx: ['mx.bogus.test'], problems: ['the TLSA records of mx.bogus.test are badly signed: not trusted'],
    });
  });

  it('cannot say for an enforce policy that does not list the domain\'s mail server', () => {
    expect(byDomain.get(D.mismatch)).toMatchObject({
      kind: 'unknown', dnssec: 'secure', mtaSts: { mode: 'enforce', mx: ['mx.elsewhere.test'] },
      problems: ['the MTA-STS policy of mismatch.test does not list its mail servers (mx.mismatch.test), so a sending server that enforces it will refuse to deliver'],
    });
  });

  it('refuses the policy of a host whose certificate comes from an authority nobody trusts', () => {
    expect(byDomain.get(D.untrusted)).toMatchObject({
      kind: 'unknown', mtaSts: null,
      problems: ['the MTA-STS policy of untrusted.test could not be fetched: the certificate of mta-sts.untrusted.test is not from an authority Sealmail trusts'],
    });
  });

  it('does not count TLSA records from an unsigned child zone as DANE', () => {
    expect(byDomain.get(D.insecure)).toMatchObject({ kind: 'none', dnssec: 'insecure', mx: ['mx.insecure.test'], problems: [] });
  });

  it('says a domain that does not exist does not exist, with the denial validated', () => {
    expect(byDomain.get(D.missing)).toMatchObject({ kind: 'unknown', dnssec: 'secure', mx: [], problems: ['the domain nosuch.test does not exist'] });
  });

  it('refuses the trusted policy hosts too when the test CA is not trusted', async () => {
    const [sts] = await service([]).check([D.sts]);
    expect(sts).toMatchObject({ kind: 'unknown', mtaSts: null });
    expect(sts!.problems).toEqual(['the MTA-STS policy of sts.test could not be fetched: the certificate of mta-sts.sts.test is not from an authority Sealmail trusts']);
  });
});
