/**
 * The S/MIME badges of an opened message and their details panel, drawn by the app in the message
 * header, outside the message's frame and DOM, so nothing a sender writes can imitate or cover them.
 * Each badge is a button whose accessible name starts with its word; it opens the details panel
 * (signer, validation level, chain, algorithms, signing time, revocation, why it is not valid).
 * Beside them, the Delivery indicator (how the message travelled between servers): a separate fact
 * with its own words and tone, which never changes a badge. The signature and encryption panels also
 * say what the protected header (RFC 9788) covers and how the outer header differs. Presentational.
 */
import { useId, useState, type ReactNode } from 'react';
import type { DeliveryReport } from '../../shared/delivery-types';
import type { HeaderProtection } from '../../shared/header-protection-types';
import type { SmimeVerdict } from '../../shared/smime-types';
import { deliveryIndicator } from '../lib/delivery-words';
import { formatFullDate } from '../lib/format';
import { badgeLabel, REVOCATION_WORDS, securityBadges, VALIDATION_WORDS, type SecurityBadge } from '../lib/security-badges';
import { DeliveryPanel } from './DeliveryPanel';
import { Icon } from './Icon';
import { ProtectedHeaderSection } from './ProtectedHeaderNotes';
import '../styles/security-badges.css';

export interface SecurityBadgesProps {
  verdict?: SmimeVerdict;
  delivery?: DeliveryReport;
  headerProtection?: HeaderProtection;
}

export function SecurityBadges({ verdict, delivery, headerProtection }: SecurityBadgesProps) {
  const [open, setOpen] = useState<SecurityBadge['kind'] | 'delivery' | null>(null);
  const panelId = useId();
  const badges = verdict ? securityBadges(verdict) : [];
  // A message that never travelled (a sent copy, a draft, one appended by hand) has no road to show.
  const road = delivery && delivery.hops.length > 0 ? deliveryIndicator(delivery) : null;
  const toggle = (kind: SecurityBadge['kind'] | 'delivery') => setOpen((current) => (current === kind ? null : kind));
  return (
    <div className="security">
      <div className="security-badges">
        {badges.map((badge) => (
          <button
            key={badge.kind}
            type="button"
            className={`security-badge security-${badge.tone}`}
            aria-label={badgeLabel(badge)}
            aria-expanded={open === badge.kind}
            aria-controls={open === badge.kind ? panelId : undefined}
            title={badgeLabel(badge)}
            onClick={() => toggle(badge.kind)}
          >
            <Icon name={badge.icon} />
            <span className="security-word">{badge.word}</span>
            {badge.detail ? <span className="security-detail">{badge.detail}</span> : null}
          </button>
        ))}
        {road ? (
          <button
            type="button"
            className={`security-badge delivery-indicator security-${road.tone}`}
            aria-label={`${road.word.startsWith('Delivery') ? '' : 'Delivery: '}${road.word}${road.detail ? `, ${road.detail}` : ''}`}
            aria-expanded={open === 'delivery'}
            aria-controls={open === 'delivery' ? panelId : undefined}
            title="How this message travelled between mail servers"
            onClick={() => toggle('delivery')}
          >
            <Icon name="delivery" />
            <span className="security-word">{road.word}</span>
            {road.detail ? <span className="security-detail">{road.detail}</span> : null}
          </button>
        ) : null}
      </div>
      {open === 'signature' && verdict ? <SignaturePanel id={panelId} verdict={verdict} headerProtection={headerProtection} /> : null}
      {open === 'encryption' && verdict ? <EncryptionPanel id={panelId} verdict={verdict} headerProtection={headerProtection} /> : null}
      {open === 'delivery' && delivery ? <DeliveryPanel id={panelId} report={delivery} /> : null}
    </div>
  );
}

interface PanelProps {
  id: string;
  verdict: SmimeVerdict;
  headerProtection?: HeaderProtection;
}

function SignaturePanel({ id, verdict, headerProtection }: PanelProps) {
  const { signature } = verdict;
  const details = signature.details;
  return (
    <section id={id} className="security-panel" aria-label="Signature details">
      <dl>
        {signature.reason ? <Row term="Why it is not valid">{signature.reason}</Row> : null}
        {signature.status === 'none' ? <Row term="Signature">This message carries no signature, so Sealmail cannot tell who wrote it or whether it was changed.</Row> : null}
        {signature.signer ? (
          <>
            <Row term="Signer">
              {signature.signer.name && signature.signer.email ? `${signature.signer.name} <${signature.signer.email}>` : signature.signer.name || signature.signer.email}
            </Row>
            <Row term="Validation">{VALIDATION_WORDS[signature.signer.validation]}</Row>
            <Row term="Fingerprint (SHA-256)">
              <code>{signature.signer.fingerprint256}</code>
            </Row>
          </>
        ) : null}
        {details ? (
          <>
            <Row term="Signing time">{details.signingTime ? `${formatFullDate(details.signingTime)} (as the signer claims)` : 'Not given'}</Row>
            <Row term="Algorithms">
              {details.digestAlgorithm} with {details.signatureAlgorithm}
            </Row>
            <Row term="Revocation">
              {REVOCATION_WORDS[details.revocation]}
              {details.revocationReason ? ` (${details.revocationReason})` : ''}
            </Row>
            {details.chain.length > 0 ? (
              <Row term="Chain">
                <ol className="security-chain">
                  {details.chain.map((certificate) => (
                    <li key={certificate.fingerprint256}>
                      {certificate.subject}
                      <span className="muted"> · valid {certificate.validFrom.slice(0, 10)} to {certificate.validTo.slice(0, 10)}</span>
                    </li>
                  ))}
                </ol>
              </Row>
            ) : null}
          </>
        ) : null}
      </dl>
      {/* In both panels: either badge is where a reader looks for what the protection covers. */}
      {headerProtection ? <ProtectedHeaderSection protection={headerProtection} /> : null}
    </section>
  );
}

function EncryptionPanel({ id, verdict, headerProtection }: PanelProps) {
  const { encryption } = verdict;
  return (
    <section id={id} className="security-panel" aria-label="Encryption details">
      <dl>
        {encryption.reason ? <Row term="Why it could not be opened">{encryption.reason}</Row> : null}
        {encryption.algorithm ? <Row term="Algorithm">{encryption.algorithm}</Row> : null}
        {encryption.status === 'decrypted' ? (
          <Row term="Tamper protection">
            {encryption.integrityProtected
              ? 'Yes: the content cannot have been changed unnoticed.'
              : 'No: this encryption does not detect changes, so remote content never loads for this message.'}
          </Row>
        ) : null}
      </dl>
      {/* In both panels: either badge is where a reader looks for what the protection covers. */}
      {headerProtection ? <ProtectedHeaderSection protection={headerProtection} /> : null}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="security-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
