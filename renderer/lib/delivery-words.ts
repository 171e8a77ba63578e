/**
 * The words for the third leg: the Delivery indicator of a received message (how it travelled
 * between servers) and the transport policy of each recipient domain in the composer. Pure, so every
 * wording is tested in one place. Neither ever speaks about the signature: that is another fact.
 */
import type { DeliveryHop, DeliveryReport, DomainPolicyKind, DomainTransportPolicy } from '../../shared/delivery-types';
import type { BadgeTone } from './security-badges';

export interface DeliveryIndicatorWords {
  word: string;
  detail: string | null;
  tone: Extract<BadgeTone, 'info' | 'warning' | 'neutral'>;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The indicator's word. Never green: TLS between servers says nothing about who wrote the message,
 * and a hop the sender's side wrote is only a claim.
 */
export function deliveryIndicator(report: DeliveryReport): DeliveryIndicatorWords {
  const claims = report.claimed > 0 ? `${plural(report.claimed, 'hop')} as the sender's side claims` : null;
  switch (report.verdict) {
    case 'tls-every-hop':
      return { word: 'TLS on every hop', detail: claims, tone: 'info' };
    case 'hops-without-tls':
      return { word: `${plural(report.withoutTls, 'hop')} without TLS`, detail: claims, tone: 'warning' };
    case 'unknown':
      return {
        word: 'Delivery unknown',
        detail: report.hops.length === 0 ? 'no delivery record' : report.unknown > 0 ? `${plural(report.unknown, 'hop')} that ${report.unknown === 1 ? 'does' : 'do'} not say` : null,
        tone: 'neutral',
      };
  }
}

/** How one hop was protected, in words. */
export function hopProtection(hop: DeliveryHop): string {
  if (hop.unreadable) return `Unreadable: ${hop.unreadable}`;
  const inside = hop.internal ? ' (inside one organisation)' : '';
  if (hop.tls === 'tls') {
    const how = [hop.tlsVersion, hop.cipher].filter(Boolean).join(', ');
    return `TLS${how ? ` (${how})` : ''}${inside}`;
  }
  if (hop.tls === 'none') return hop.internal ? 'No TLS, inside one organisation' : 'No TLS: readable by anyone on the network between these servers';
  return `The header does not say whether TLS was used${inside}`;
}

/** Who wrote a hop's header, which decides whether it can be believed. */
export function hopSource(hop: DeliveryHop): string {
  return hop.trusted ? 'Recorded by your provider' : "Claimed: written before your provider received the message, so the sender's side could have written anything";
}

export const POLICY_WORDS: Record<DomainPolicyKind, string> = {
  dane: 'enforced by DANE',
  'mta-sts': 'enforced by MTA-STS',
  'mta-sts-testing': 'MTA-STS testing: failures are reported, not prevented',
  none: 'no policy: servers may fall back to plaintext',
  unknown: 'could not be checked',
};

/** Whether a domain's servers must use TLS to receive from the user's provider. */
export function isEnforced(policy: DomainTransportPolicy): boolean {
  return policy.kind === 'dane' || policy.kind === 'mta-sts';
}

export function policyTone(kind: DomainPolicyKind): DeliveryIndicatorWords['tone'] {
  return kind === 'dane' || kind === 'mta-sts' ? 'info' : kind === 'unknown' ? 'neutral' : 'warning';
}

/** The core's problems are clauses ("the domain x does not exist"); shown as sentences. */
export function asSentence(clause: string): string {
  const text = clause.trim();
  if (!text) return text;
  const capital = text[0]!.toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
