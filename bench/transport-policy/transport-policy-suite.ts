/**
 * Transport-policy figures for `npm run bench`: checking ten recipient domains at once against a
 * scripted loopback resolver that delays every answer (20-60 ms, different per domain, as real
 * resolvers do), with an HTTPS policy server for the MTA-STS domains. Baseline: the same ten
 * checked one after another in the same run. All at once should cost about the slowest domain.
 */
import { stsPolicyText } from '../../electron/core/transport-policy/testing/policy-server';
import { startPolicyWorld } from '../../electron/core/transport-policy/testing/policy-world';
import { daneEe, type Zone } from '../../electron/core/transport-policy/testing/zone-script';
import { figure, timed, type BenchSuite } from '../figure';

const COUNT = 10;

export const transportPolicySuite: BenchSuite = {
  name: 'transport-policy',
  async run({ small, log }) {
    const [minDelay, maxDelay] = small ? [2, 6] : [20, 60];
    const domains = Array.from({ length: COUNT }, (_, i) => `bench${i}.test`);
    const zone: Zone = {};
    const routes: Record<string, string> = {};
    domains.forEach((domain, i) => {
      const delayMs = Math.round(minDelay + ((maxDelay - minDelay) * i) / (COUNT - 1));
      const mx = `mx.${domain}`;
      // A mix: DANE (signed MX and TLSA), MTA-STS enforce, and nothing, each with its own delay.
      const kind = i % 3;
      zone[domain] = { signed: kind === 0, MX: [{ preference: 10, exchange: mx }], delayMs };
      zone[`_mta-sts.${domain}`] = kind === 1 ? { TXT: [`v=STSv1; id=b${i};`], delayMs } : { delayMs, TXT: [] };
      if (kind === 0) zone[`_25._tcp.${mx}`] = { signed: true, TLSA: [daneEe()], delayMs };
      if (kind === 1) {
        zone[`mta-sts.${domain}`] = { A: ['127.0.0.1'], delayMs };
        routes[`mta-sts.${domain}`] = stsPolicyText('enforce', [mx]);
      }
    });
    zone['warmup.test'] = { MX: [{ preference: 10, exchange: 'mx.warmup.test' }] };
    zone['_mta-sts.warmup.test'] = { TXT: ['v=STSv1; id=w;'] };
    zone['mta-sts.warmup.test'] = { A: ['127.0.0.1'] };
    routes['mta-sts.warmup.test'] = stsPolicyText('enforce', ['mx.warmup.test']);

    const world = await startPolicyWorld(zone, routes);
    try {
      // Warm up TLS, the JIT and the sockets once, on a domain the figures do not use.
      await world.service().check(['warmup.test']);

      const singles: number[] = [];
      const oneByOne = world.service();
      for (const domain of domains) {
        const { ms, result } = await timed(() => oneByOne.check([domain]));
        if (result[0]!.kind === 'unknown') throw new Error(`bench domain ${domain} failed: ${result[0]!.problems.join('; ')}`);
        singles.push(ms);
      }
      const sequential = singles.reduce((sum, ms) => sum + ms, 0);

      const { ms: parallel, result } = await timed(() => world.service().check(domains));
      const kinds = result.map((policy) => policy.kind);
      if (kinds.includes('unknown')) throw new Error(`a bench domain failed: ${result.flatMap((p) => p.problems).join('; ')}`);

      const slowest = Math.max(...singles);
      log(`${COUNT} domains (${kinds.filter((k) => k === 'dane').length} DANE, ${kinds.filter((k) => k === 'mta-sts').length} MTA-STS, ${kinds.filter((k) => k === 'none').length} none), answers delayed ${minDelay}-${maxDelay} ms`);
      log(`one after another ${sequential.toFixed(1)} ms (slowest single ${slowest.toFixed(1)} ms); all at once ${parallel.toFixed(1)} ms`);
      const bound = slowest + maxDelay;
      log(`all at once ${parallel <= bound ? '<=' : '>'} slowest single + one round trip (${bound.toFixed(1)} ms): ${parallel <= bound ? 'yes' : 'NO'}`);
      log(`best possible ratio (slowest single / sum): ${(slowest / sequential).toFixed(3)}`);
      return [figure('policy.parallel10', parallel, 'ms', sequential, 'near slowest/sum (about 0.17): every domain is checked at once')];
    } finally {
      await world.close();
    }
  },
};
