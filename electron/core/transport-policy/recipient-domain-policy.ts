/**
 * One recipient domain's transport policy: its MX hosts, then DANE (RFC 7672) and MTA-STS
 * (RFC 8461) side by side, reduced to one kind with one sentence per problem. The MTA-STS lookup
 * does not need the MX hosts until the end, so it starts at once, beside the MX lookup.
 *
 * `dnssec` is the MX answer's state, or 'bogus' when a TLSA answer on which DANE would rest is
 * bogus; null when no MX answer came. Nothing here throws: a check that does not finish within the
 * domain's time budget is 'unknown' and says so.
 */
import type { DomainTransportPolicy } from '../../../shared/delivery-types';
import { checkDane, type DaneOutcome } from './dane';
import type { DnsClient } from './dns-client';
import type { MtaStsChecker, StsOutcome } from './mta-sts';
import { lookupMx } from './mx-lookup';
import { decideKind } from './policy-kind';
import { seconds } from './seconds';

export interface DomainCheckDeps {
  dns: DnsClient;
  mtaSts: MtaStsChecker;
  clock: { now(): Date };
  /** The whole check of one domain. */
  timeoutMs: number;
}

const NO_DANE: DaneOutcome = { applies: false, hosts: [], problems: [] };

/** The policy of `domain` (lower-case ASCII, already validated). Never rejects. */
export async function checkDomain(domain: string, deps: DomainCheckDeps): Promise<DomainTransportPolicy> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<DomainTransportPolicy>((resolve) => {
    timer = setTimeout(() => {
      resolve(result(domain, deps, {
        kind: 'unknown', mx: [], dnssec: null, mtaSts: null,
        problems: [`the checks of ${domain} did not finish within ${seconds(deps.timeoutMs)}`],
      }));
    }, deps.timeoutMs);
  });
  try {
    return await Promise.race([runChecks(domain, deps), timedOut]);
  } catch (error) {
    return result(domain, deps, { kind: 'unknown', mx: [], dnssec: null, mtaSts: null, problems: [`the checks of ${domain} failed: ${String(error)}`] });
  } finally {
    clearTimeout(timer);
  }
}

async function runChecks(domain: string, deps: DomainCheckDeps): Promise<DomainTransportPolicy> {
  const stsPending = deps.mtaSts.check(domain);
  const mx = await lookupMx(deps.dns, domain);
  if (mx.kind === 'failed') {
    // Nothing to deliver to, or nothing known about where: the MTA-STS answer changes nothing,
    // but it is awaited so that no lookup of this check outlives it.
    await stsPending;
    return result(domain, deps, { kind: 'unknown', mx: [], dnssec: mx.dnssec, mtaSts: null, problems: [mx.problem] });
  }
  if (mx.kind === 'null-mx') {
    await stsPending;
    return result(domain, deps, { kind: 'none', mx: [], dnssec: mx.dnssec, mtaSts: null, problems: [`${domain} accepts no mail (its MX is ".", RFC 7505)`] });
  }
  const [dane, sts] = await Promise.all([checkDane(deps.dns, mx.hosts, mx.dnssec).catch(() => NO_DANE), stsPending]);
  const decision = decideKind(domain, mx.hosts, dane, sts);
  return result(domain, deps, {
    kind: decision.kind,
    mx: mx.hosts,
    dnssec: dane.hosts.some((host) => host.bogus) ? 'bogus' : mx.dnssec,
    mtaSts: policyOf(sts),
    problems: [...dane.problems, ...sts.problems, ...decision.problems],
  });
}

function policyOf(sts: StsOutcome): DomainTransportPolicy['mtaSts'] {
  if (!sts.policy) return null;
  const { mode, mx, maxAge, id } = sts.policy;
  return { mode, mx: [...mx], maxAge, id };
}

function result(domain: string, deps: DomainCheckDeps, fields: Omit<DomainTransportPolicy, 'domain' | 'checkedAt'>): DomainTransportPolicy {
  return { domain, ...fields, checkedAt: deps.clock.now().toISOString() };
}
