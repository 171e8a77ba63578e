/**
 * How each connection of an account is protected, in words: implicit TLS or required STARTTLS, TLS
 * version and cipher, the certificate, and whether an authority vouches for it or the user pinned
 * it. A broken connection says why. Presentational.
 */
import type { CertificateSummary } from '../../shared/errors';
import type { AccountPosture, EndpointPosture, MailProtocol } from '../../shared/transport-types';
import { CertificateSummaryList } from './CertificateSummaryList';
import { ErrorAlert } from './Notices';

/** Offered for a certificate a pin may excuse; the caller asks the explicit question. */
export type ReviewCertificate = (protocol: MailProtocol, certificate: CertificateSummary, reason: string) => void;

function Connection({ title, protocol, result, onReview }: { title: string; protocol: MailProtocol; result: EndpointPosture; onReview?: ReviewCertificate }) {
  if (!result.ok) {
    const { certificate } = result.error;
    return (
      <section aria-label={title}>
        <h3>
          {title} <span className="posture-badge posture-badge-broken">Not connected</span>
        </h3>
        <ErrorAlert message={result.error.message} />
        {certificate ? <CertificateSummaryList certificate={certificate} /> : null}
        {certificate?.pinnable && onReview ? (
          <button type="button" className="button button-small" onClick={() => onReview(protocol, certificate, result.error.message)}>
            Review this certificate…
          </button>
        ) : null}
      </section>
    );
  }
  const { posture } = result;
  return (
    <section aria-label={title}>
      <h3>
        {title} <span className="posture-badge posture-badge-secure">Encrypted</span>
      </h3>
      <dl className="certificate-summary">
        <dt>Server</dt>
        <dd>
          {posture.host}:{posture.port}
        </dd>
        <dt>Protection</dt>
        <dd>{posture.security === 'tls' ? 'Implicit TLS (encrypted from the first byte)' : 'STARTTLS (required before anything else is sent)'}</dd>
        <dt>TLS version</dt>
        <dd>{posture.tlsVersion}</dd>
        <dt>Cipher</dt>
        <dd>{posture.cipher}</dd>
        <dt>Certificate</dt>
        <dd>{posture.certificate.subject}</dd>
        <dt>Issued by</dt>
        <dd>{posture.certificate.issuer}</dd>
        <dt>Trust</dt>
        <dd>{posture.trust === 'ca' ? 'Vouched for by a trusted certificate authority' : 'Pinned: you trusted this exact certificate'}</dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="fingerprint">{posture.certificate.fingerprint256}</dd>
      </dl>
    </section>
  );
}

export function ConnectionPostureView({ posture, onReview }: { posture: AccountPosture; onReview?: ReviewCertificate }) {
  return (
    <div className="posture-panel">
      <Connection title="Incoming mail (IMAP)" protocol="imap" result={posture.imap} onReview={onReview} />
      <Connection title="Outgoing mail (SMTP)" protocol="smtp" result={posture.smtp} onReview={onReview} />
      <p className="field-hint">Checked {new Date(posture.checkedAt).toLocaleString()} with a TLS handshake that sent no password.</p>
    </div>
  );
}
