/**
 * How each connection of an account is protected, in words: implicit TLS or required STARTTLS, TLS
 * version and cipher, the certificate, and whether an authority vouches for it or the user pinned
 * it. A broken connection says why. Presentational.
 */
import type { AccountPosture, EndpointPosture } from '../../shared/transport-types';
import { CertificateSummaryList } from './CertificateSummaryList';
import { ErrorAlert } from './Notices';

function Connection({ title, result }: { title: string; result: EndpointPosture }) {
  if (!result.ok) {
    return (
      <section aria-label={title}>
        <h3>
          {title} <span className="posture-badge posture-badge-broken">Not connected</span>
        </h3>
        <ErrorAlert message={result.error.message} />
        {result.error.certificate ? <CertificateSummaryList certificate={result.error.certificate} /> : null}
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

export function ConnectionPostureView({ posture }: { posture: AccountPosture }) {
  return (
    <div className="posture-panel">
      <Connection title="Incoming mail (IMAP)" result={posture.imap} />
      <Connection title="Outgoing mail (SMTP)" result={posture.smtp} />
      <p className="field-hint">Checked {new Date(posture.checkedAt).toLocaleString()} with a TLS handshake that sent no password.</p>
    </div>
  );
}
