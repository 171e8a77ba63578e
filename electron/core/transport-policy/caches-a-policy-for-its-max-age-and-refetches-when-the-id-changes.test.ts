import { afterEach, describe, expect, it } from 'vitest';
import { makeTestAuthority } from '../testing/test-certificates';
import { startPolicyServer, stsPolicyText, type PolicyRoute, type PolicyServer } from './testing/policy-server';
import { startScriptedDns, type ScriptedDns } from './testing/scripted-dns';
import { zoneScript, type Zone } from './testing/zone-script';
import { TransportPolicyService } from './transport-policy-service';

describe('the MTA-STS policy cache (RFC 8461 §5.1)', () => {
  const authority = makeTestAuthority();
  const tls = authority.issue({ names: 'DNS:mta-sts.cached.test' });
  let dns: ScriptedDns | undefined;
  let https: PolicyServer | undefined;
  afterEach(async () => {
    await Promise.all([dns?.close(), https?.close()]);
  });

  /** A world whose TXT record and policy the test can change between checks. */
  async function world(state: { txt: string[]; route: PolicyRoute }) {
    const zone = (): Zone => ({
      'cached.test': { MX: [{ preference: 10, exchange: 'mx.cached.test' }] },
      ...(state.txt.length > 0 ? { '_mta-sts.cached.test': { TXT: state.txt } } : {}),
      'mta-sts.cached.test': { A: ['127.0.0.1'] },
    });
    dns = await startScriptedDns((query) => zoneScript(zone())(query));
    const routes: Record<string, PolicyRoute> = {};
    Object.defineProperty(routes, 'mta-sts.cached.test', { get: () => state.route, enumerable: true });
    https = await startPolicyServer(tls, routes);
    let now = new Date('2026-03-01T12:00:00Z').getTime();
    const clock = { now: () => new Date(now) };
    const service = new TransportPolicyService({ resolvers: [dns.resolver], trust: { extraTrustAnchors: [authority.caPem] }, clock, timeoutMs: 4_000, httpsPort: https.port });
    return { service, advance: (seconds: number) => (now += seconds * 1000), fetches: () => https!.requests.length };
  }

  it('does not fetch again while the id is the same and max_age has not run out', async () => {
    const state = { txt: ['v=STSv1; id=one;'], route: { body: stsPolicyText('enforce', ['mx.cached.test'], 3600) } };
    const { service, advance, fetches } = await world(state);
    await service.check(['cached.test']);
    advance(3599);
    const [again] = await service.check(['cached.test']);
    expect(fetches()).toBe(1);
    expect(again).toMatchObject({ kind: 'mta-sts', mtaSts: { id: 'one' } });
    advance(2);
    await service.check(['cached.test']);
    expect(fetches()).toBe(2);
  });

  it('fetches again when the id changes', async () => {
    const state = { txt: ['v=STSv1; id=one;'], route: { body: stsPolicyText('enforce', ['mx.cached.test']) } };
    const { service, fetches } = await world(state);
    await service.check(['cached.test']);
    state.txt = ['v=STSv1; id=two;'];
    state.route = { body: stsPolicyText('testing', ['mx.cached.test']) };
    const [changed] = await service.check(['cached.test']);
    expect(fetches()).toBe(2);
    expect(changed).toMatchObject({ kind: 'mta-sts-testing', mtaSts: { id: 'two', mode: 'testing' } });
  });

  it('keeps an unexpired policy when the record disappears or the new one cannot be fetched', async () => {
    const state = { txt: ['v=STSv1; id=one;'], route: { body: stsPolicyText('enforce', ['mx.cached.test']) } as PolicyRoute };
    const { service } = await world(state);
    await service.check(['cached.test']);
    state.txt = [];
    const [gone] = await service.check(['cached.test']);
    expect(gone).toMatchObject({ kind: 'mta-sts', mtaSts: { id: 'one' }, problems: [] });
    state.txt = ['v=STSv1; id=two;'];
    state.route = { status: 500 };
    const [failed] = await service.check(['cached.test']);
    expect(failed).toMatchObject({ kind: 'mta-sts', mtaSts: { id: 'one' } });
    expect(failed!.problems).toEqual([
      'the MTA-STS policy of cached.test could not be fetched: mta-sts.cached.test answered HTTP 500; the policy fetched earlier still applies',
    ]);
  });
});
