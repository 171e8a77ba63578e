/**
 * One word for a domain from what DANE and MTA-STS said: the strongest protection that is known to
 * hold, in the order a sending server applies them (RFC 8461 §2: DANE first, where it applies).
 *
 * Decisions:
 * - An enforce policy whose mx patterns match none of the domain's MX hosts is 'unknown', with a
 *   problem: a sending server that enforces it refuses to deliver (RFC 8461 §5), one that does
 *   not know it delivers unprotected, so Sealmail cannot say which the message will meet.
 * - An enforce policy that matches only some MX hosts is still 'mta-sts' (the sending server
 *   delivers only to the matching ones, §4.1), with a problem naming the others.
 * - A failed lookup (timeout, garbage, bogus TLSA, a policy announced but not fetched) makes the
 *   domain 'unknown' unless an enforce policy already holds: it might have shown DANE or MTA-STS.
 */
import type { DomainPolicyKind } from '../../../shared/delivery-types';
import type { DaneOutcome } from './dane';
import { mxMatchesPolicy } from './mta-sts-policy';
import type { StsOutcome } from './mta-sts';

export interface KindDecision {
  kind: DomainPolicyKind;
  problems: string[];
}

export function decideKind(domain: string, mx: readonly string[], dane: DaneOutcome, sts: StsOutcome): KindDecision {
  if (dane.applies) return { kind: 'dane', problems: [] };
  const failed = sts.failed || dane.hosts.some((host) => host.failed || host.bogus);
  const policy = sts.policy;
  const unlisted = policy ? mx.filter((host) => !mxMatchesPolicy(host, policy)) : [];
  if (policy?.mode === 'enforce') {
    if (unlisted.length === mx.length) {
      return {
        kind: 'unknown',
        problems: [`the MTA-STS policy of ${domain} does not list its mail servers (${mx.join(', ')}), so a sending server that enforces it will refuse to deliver`],
      };
    }
    if (unlisted.length > 0) {
      return { kind: 'mta-sts', problems: [`the MTA-STS policy of ${domain} does not list ${unlisted.join(', ')}, so sending servers will not deliver there`] };
    }
    return { kind: 'mta-sts', problems: [] };
  }
  if (failed) return { kind: 'unknown', problems: [] };
  if (policy?.mode === 'testing') {
    const problems = unlisted.length > 0 ? [`the MTA-STS policy of ${domain} does not list ${unlisted.join(', ')}; in testing mode that is only reported`] : [];
    return { kind: 'mta-sts-testing', problems };
  }
  return { kind: 'none', problems: [] };
}
