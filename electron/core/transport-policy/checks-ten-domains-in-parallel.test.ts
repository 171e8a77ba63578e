import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPolicyWorld, type PolicyWorld } from './testing/policy-world';
import type { Zone } from './testing/zone-script';

const DOMAINS = Array.from({ length: 10 }, (_, i) => `d${i}.test`);

describe('checking many recipient domains', () => {
  let world: PolicyWorld;

  beforeAll(async () => {
    const zone: Zone = {};
    for (const domain of [...DOMAINS, 'xn--bcher-kva.test']) zone[domain] = { MX: [{ preference: 10, exchange: `mx.${domain}` }] };
    world = await startPolicyWorld(zone, {});
  });
  afterAll(async () => {
    await world.close();
  });

  it('sends every domain\'s first questions before any answer comes back', async () => {
    world.dns.hold();
    const before = world.dns.queries.length;
    const checking = world.service().check(DOMAINS);
    // Each domain asks for its MX and its _mta-sts TXT at once: 20 questions, none answered yet.
    await world.dns.whenReceived(before + DOMAINS.length * 2);
    expect(world.dns.answered()).toBe(0);
    const asked = world.dns.queries.slice(before).map((q) => `${q.name} ${q.type}`);
    for (const domain of DOMAINS) expect(asked).toEqual(expect.arrayContaining([`${domain} MX`, `_mta-sts.${domain} TXT`]));
    world.dns.release();
    const policies = await checking;
    expect(policies.map((p) => p.domain)).toEqual(DOMAINS);
    expect(policies.every((p) => p.kind === 'none' && p.problems.length === 0)).toBe(true);
  });

  it('checks each domain once, lower-cased and IDNA-converted, in the order first given', async () => {
    const policies = await world.service().check(['D3.Test', 'd1.test.', 'bücher.test', 'd3.test', 'XN--BCHER-KVA.test']);
    expect(policies.map((p) => p.domain)).toEqual(['d3.test', 'd1.test', 'xn--bcher-kva.test']);
    expect(policies[2]).toMatchObject({ kind: 'none', mx: ['mx.xn--bcher-kva.test'] });
  });

  it('refuses names that are not domain names without looking them up', async () => {
    const before = world.dns.queries.length;
    const policies = await world.service().check(['not a domain', '127.0.0.1', '[::1]', 'localhost', 'a..test', '-bad.test', 'user@d1.test', `${'a'.repeat(64)}.test`]);
    expect(policies.map((p) => [p.kind, p.problems[0]])).toEqual([
      ['unknown', '"not a domain" is not a domain name'],
      ['unknown', '"127.0.0.1" is not a domain name'],
      ['unknown', '"[::1]" is not a domain name'],
      ['unknown', '"localhost" is not a domain name'],
      ['unknown', '"a..test" is not a domain name'],
      ['unknown', '"-bad.test" is not a domain name'],
      ['unknown', '"user@d1.test" is not a domain name'],
      ['unknown', `"${'a'.repeat(64)}.test" is not a domain name`],
    ]);
    expect(world.dns.queries.length).toBe(before);
  });
});
