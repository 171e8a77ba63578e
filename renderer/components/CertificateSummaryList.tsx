/** A server certificate as a person can judge it: who it names, who vouches for it, its fingerprint and dates. Presentational. */
import type { CertificateSummary } from '../../shared/errors';

function day(iso: string): string {
  return iso.slice(0, 10);
}

export function CertificateSummaryList({ certificate }: { certificate: CertificateSummary }) {
  return (
    <dl className="certificate-summary">
      {certificate.server ? (
        <>
          <dt>Server</dt>
          <dd>
            {certificate.server.host}:{certificate.server.port}
          </dd>
        </>
      ) : null}
      <dt>Issued to</dt>
      <dd>{certificate.subject}</dd>
      <dt>Issued by</dt>
      <dd>{certificate.issuer}</dd>
      <dt>SHA-256 fingerprint</dt>
      <dd className="fingerprint">{certificate.fingerprint256}</dd>
      <dt>Valid</dt>
      <dd>
        {day(certificate.validFrom)} to {day(certificate.validTo)}
      </dd>
    </dl>
  );
}
