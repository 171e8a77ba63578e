/**
 * A certificate as the user sees it everywhere in the manager: the address, the validation level
 * (address verified / identity verified, with what that means), validity, warnings, and on demand
 * the details: subject, issuer, fingerprint, serial, key. Presentational only.
 */
import { useId, useState } from 'react';
import { VALIDATION_LABELS, WARNING_LABELS, type CertificateView } from '../../../shared/certificates';

const VALIDATION_MEANING = {
  'address-verified': 'The authority checked only that the holder receives mail at this address, not who they are.',
  'identity-verified': 'The authority checked the person or organisation named in the certificate.',
} as const;

export function ValidationBadge({ certificate }: { certificate: CertificateView }) {
  return (
    <span className={`validation-badge validation-${certificate.validation}`} title={VALIDATION_MEANING[certificate.validation]}>
      {VALIDATION_LABELS[certificate.validation]}
    </span>
  );
}

function day(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function CertificateFacts({ certificate, title }: { certificate: CertificateView; title?: string }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const heading = title ?? (certificate.emails.join(', ') || certificate.subject);
  return (
    <div className="certificate-facts">
      <div className="certificate-line">
        <span className="certificate-title">{heading}</span>
        <ValidationBadge certificate={certificate} />
      </div>
      <div className="certificate-meta">
        {certificate.subject} · valid {day(certificate.notBefore)} to {day(certificate.notAfter)}
      </div>
      {certificate.warnings.map((warning) => (
        <div key={warning} className="notice notice-warning certificate-warning" role="note">
          {WARNING_LABELS[warning]}
        </div>
      ))}
      <button type="button" className="button button-quiet button-small" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        {open ? 'Hide details' : 'Details'}
      </button>
      {open ? (
        <dl className="certificate-details" id={detailsId}>
          <dt>Validation</dt>
          <dd>
            {VALIDATION_LABELS[certificate.validation]}: {VALIDATION_MEANING[certificate.validation]}
          </dd>
          <dt>Subject</dt>
          <dd>{certificate.subject}</dd>
          <dt>Issuer</dt>
          <dd>{certificate.issuer}</dd>
          <dt>Addresses</dt>
          <dd>{certificate.emails.join(', ') || 'none'}</dd>
          <dt>SHA-256 fingerprint</dt>
          <dd className="fingerprint">{certificate.fingerprint256}</dd>
          <dt>Serial number</dt>
          <dd className="fingerprint">{certificate.serialNumber}</dd>
          <dt>Key</dt>
          <dd>{certificate.keyType}</dd>
        </dl>
      ) : null}
    </div>
  );
}
