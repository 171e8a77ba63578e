/**
 * What RFC 9788 protected headers changed about an opened message, drawn by the app outside the
 * message frame: the warning beside From when the unprotected outer From names another sender, and
 * the "Protected header" section of the security details panel (what is protected, by what, and how
 * the outer header differs). Presentational.
 */
import { useId } from 'react';
import type { MailAddress } from '../../shared/domain';
import type { HeaderProtection, OuterDifference } from '../../shared/header-protection-types';
import { formatAddress } from '../lib/format';
import '../styles/protected-header.css';

/** The outer From is what most other mail clients show, so the reader says it is not the sender. */
export function OuterSenderWarning({ outerFrom }: { outerFrom: MailAddress }) {
  return (
    <p className="outer-sender-warning" role="alert">
      The unprotected outer header names another sender: {formatAddress(outerFrom)}. The sender shown is the one inside the signature or encryption.
    </p>
  );
}

export function protectionSentence(protection: HeaderProtection): string {
  return protection.confidential
    ? 'Subject, sender and recipients are protected by the encryption; servers saw only a placeholder subject'
    : 'Subject, sender and recipients are protected by the signature';
}

export function differenceLine(difference: OuterDifference): string {
  // byDesign: the sender chose the outer value (an obscured subject); otherwise someone on the way changed it.
  return `${difference.field}: "${difference.outer}" ${difference.byDesign ? '(put there by the sender)' : '(changed on the way)'}`;
}

export function ProtectedHeaderSection({ protection }: { protection: HeaderProtection }) {
  const titleId = useId();
  const differsId = useId();
  return (
    <section className="protected-header" aria-labelledby={titleId}>
      <h3 id={titleId} className="protected-header-title">Protected header</h3>
      <p className="protected-header-summary">{protectionSentence(protection)}</p>
      {protection.outerDifferences.length > 0 ? (
        <>
          <p id={differsId} className="protected-header-differs">The outer header differs:</p>
          <ul className="protected-header-differences" aria-labelledby={differsId}>
            {protection.outerDifferences.map((difference) => (
              <li key={`${difference.field}:${difference.outer}`} className={difference.byDesign ? 'outer-by-design' : 'outer-changed'}>
                {differenceLine(difference)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
