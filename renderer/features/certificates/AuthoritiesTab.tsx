/**
 * Authorities the user trusts for S/MIME besides the system's. Adding one shows its SHA-256
 * fingerprint first, to compare with the one the authority published, and adds only after that.
 */
import { useState } from 'react';
import type { CertificateView, KeystoreOverview } from '../../../shared/certificates';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { readFileAsBase64, tooLarge } from './certificate-files';
import { CertificateFacts } from './CertificateFacts';
import { ConfirmButton } from './ConfirmButton';

export function AuthoritiesTab({ overview, onChanged }: { overview: KeystoreOverview; onChanged(): void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const [candidate, setCandidate] = useState<{ fileName: string; data: string; certificate: CertificateView } | null>(null);

  const pick = async (file: File | undefined) => {
    setError(null);
    setCandidate(null);
    if (!file) return;
    const large = tooLarge(file);
    if (large) return setError(large);
    const data = await readFileAsBase64(file);
    const result = await settle(() => api.inspectCertificates({ fileName: file.name, data }));
    if (!result.ok) return setError(result.error.message);
    const authorities = result.value.filter((c) => c.isAuthority);
    if (authorities.length !== 1) return setError(`${file.name} must hold exactly one authority certificate; it holds ${authorities.length}.`);
    setCandidate({ fileName: file.name, data, certificate: authorities[0]! });
  };

  const trust = async () => {
    if (!candidate) return;
    const result = await settle(() => api.addAuthority({ fileName: candidate.fileName, data: candidate.data, fingerprint256: candidate.certificate.fingerprint256 }));
    if (!result.ok) setError(result.error.message);
    setCandidate(null);
    onChanged();
  };

  return (
    <div className="certificate-tab">
      <ErrorAlert message={error} />
      <ul className="certificate-list" aria-label="Authorities">
        {overview.authorities.map((authority) => (
          <li key={authority.certificate.fingerprint256} className="certificate-item">
            <CertificateFacts certificate={authority.certificate} title={authority.certificate.subject} />
            <div className="certificate-meta fingerprint">SHA-256 {authority.certificate.fingerprint256}</div>
            <ConfirmButton
              label="Remove"
              question="Stop trusting this authority? Signatures that rely on it will show as untrusted."
              confirmLabel="Stop trusting"
              onConfirm={async () => {
                const result = await settle(() => api.removeAuthority({ fingerprint256: authority.certificate.fingerprint256 }));
                if (!result.ok) setError(result.error.message);
                onChanged();
              }}
            />
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor="authority-file">Add an authority (.pem, .crt, .cer)</label>
        <input id="authority-file" type="file" accept=".pem,.crt,.cer,.der" onChange={(e) => void pick(e.target.files?.[0])} />
      </div>
      {candidate ? (
        <div className="notice notice-warning" role="group" aria-label="Confirm the fingerprint">
          <p>
            Trust <strong>{candidate.certificate.subject}</strong> for signed and encrypted mail? Compare this fingerprint with the one the authority
            published, character by character:
          </p>
          <p className="fingerprint">SHA-256 {candidate.certificate.fingerprint256}</p>
          <button type="button" className="button button-small button-primary" onClick={() => void trust()}>
            The fingerprint matches: trust it
          </button>
          <button type="button" className="button button-small" onClick={() => setCandidate(null)}>
            Cancel
          </button>
        </div>
      ) : null}
    </div>
  );
}
