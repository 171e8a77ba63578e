/**
 * The composer's Delivery line: for each recipient domain, whether its mail servers must receive
 * over TLS (DANE, MTA-STS) or may fall back to plaintext, with what failed where a lookup did. A
 * compact summary that opens into the list. It informs and never blocks: Send stays as it was.
 * Presentational.
 */
import type { RecipientDomainsReport } from '../../shared/delivery-types';
import { asSentence, isEnforced, POLICY_WORDS, policyTone } from '../lib/delivery-words';
import { Icon } from './Icon';
import '../styles/recipient-domains.css';

export interface RecipientDomainsState {
  report: RecipientDomainsReport | null;
  /** Lookups are running for the current recipients. */
  checking: boolean;
  /** Why the lookups could not run at all (the core refused), or null. */
  error: string | null;
}

function summary({ report, checking, error }: RecipientDomainsState): string {
  if (error) return `not checked: ${error}`;
  if (!report || report.domains.length === 0) return checking ? 'checking recipient domains…' : '';
  const open = report.domains.filter((policy) => !isEnforced(policy));
  const words = open.length === 0 ? `TLS enforced for ${report.domains.length === 1 ? report.domains[0]!.domain : `all ${report.domains.length} domains`}` : `${open.map((policy) => policy.domain).join(', ')}: ${open.length === 1 ? POLICY_WORDS[open[0]!.kind] : 'no enforced TLS'}`;
  return checking ? `${words} (checking…)` : words;
}

export function RecipientDomainsPanel({ state }: { state: RecipientDomainsState }) {
  const line = summary(state);
  if (!line) return null;
  const report = state.report;
  return (
    <details className="recipient-domains" aria-live="polite">
      <summary>
        <Icon name="delivery" />
        <span className="recipient-domains-title">Delivery</span> <span className="recipient-domains-summary">{line}</span>
      </summary>
      {report ? (
        <>
          <p className="muted recipient-domains-relay">
            Your submission server, {report.submissionHost}, relays this message to each domain&apos;s servers; Sealmail cannot choose how it does. This is what each domain asks for.
          </p>
          <ul className="recipient-domains-list">
            {report.domains.map((policy) => (
              <li key={policy.domain} className={`recipient-domain recipient-domain-${policyTone(policy.kind)}`}>
                <span className="recipient-domain-name">{policy.domain}</span> <span className="recipient-domain-kind">{POLICY_WORDS[policy.kind]}</span>
                {policy.problems.length > 0 ? (
                  <ul className="recipient-domain-problems muted">
                    {policy.problems.map((problem) => (
                      <li key={problem}>{asSentence(problem)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
