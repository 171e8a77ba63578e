/** Your certificates: each with details, export of the public certificate, removal, and which one each account uses. */
import { useState } from 'react';
import { renewalSentence, signingRefusal, type IdentitySummary, type KeystoreOverview } from '../../../shared/certificates';
import type { Account } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { EmptyState, ErrorAlert } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { downloadText } from './certificate-files';
import { CertificateFacts } from './CertificateFacts';
import { ConfirmButton } from './ConfirmButton';
import { ImportIdentityForm } from './ImportIdentityForm';

/** The renewal warning (30 days ahead), or why an expired or not yet valid certificate no longer signs. */
function LifeNotice({ identity }: { identity: IdentitySummary }) {
  if (identity.renewal) {
    return (
      <div className="notice notice-warning" role="note" aria-label="Renewal">
        This certificate {renewalSentence(identity.renewal)}.
      </div>
    );
  }
  const refusal = signingRefusal(identity.certificate);
  if (!refusal) return null;
  return (
    <div className="notice notice-warning" role="note" aria-label="Not used to sign">
      {refusal.charAt(0).toUpperCase()}
      {refusal.slice(1)}. It still decrypts the mail you received while it held.
    </div>
  );
}

export function IdentitiesTab({ overview, account, onChanged }: { overview: KeystoreOverview; account: Account; onChanged(): void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const chosen = overview.accountIdentities[account.id] ?? '';

  const run = async (action: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>) => {
    setError(null);
    const result = await action();
    if (!result.ok) setError(result.error.message);
    onChanged();
  };

  return (
    <div className="certificate-tab">
      <ErrorAlert message={error} />
      {overview.identities.length === 0 ? (
        <EmptyState title="No certificate yet">Import the .p12 or .pfx file your certificate authority gave you to sign and decrypt mail.</EmptyState>
      ) : (
        <>
          <div className="field">
            <label htmlFor="account-identity">Certificate used by {account.address}</label>
            <select
              id="account-identity"
              value={chosen}
              onChange={(e) => void run(() => settle(() => api.chooseAccountIdentity({ accountId: account.id, fingerprint256: e.target.value || null })))}
            >
              <option value="">Automatic (the newest valid one for this address)</option>
              {overview.identities.map((identity) => (
                <option key={identity.certificate.fingerprint256} value={identity.certificate.fingerprint256}>
                  {identity.certificate.emails.join(', ') || identity.certificate.subject} until {identity.certificate.notAfter.slice(0, 10)}
                  {signingRefusal(identity.certificate) ? ' (does not sign)' : ''}
                </option>
              ))}
            </select>
          </div>
          <ul className="certificate-list" aria-label="Your certificates">
            {overview.identities.map((identity) => {
              const fp = identity.certificate.fingerprint256;
              return (
                <li key={fp} className="certificate-item">
                  <CertificateFacts certificate={identity.certificate} />
                  <LifeNotice identity={identity} />
                  <div className="certificate-meta">
                    From {identity.sourceFile}, imported {identity.importedAt.slice(0, 10)}
                    {identity.chain.length ? `, with ${identity.chain.length} issuer certificate${identity.chain.length > 1 ? 's' : ''}` : ''}
                  </div>
                  <div className="certificate-actions">
                    <button
                      type="button"
                      className="button button-small"
                      onClick={async () => {
                        const result = await settle(() => api.exportCertificate({ fingerprint256: fp }));
                        if (result.ok) downloadText(result.value.fileName, result.value.pem);
                        else setError(result.error.message);
                      }}
                    >
                      Export public certificate
                    </button>
                    <ConfirmButton
                      label="Remove"
                      question="Remove this certificate and its private key? Mail encrypted to it can no longer be read."
                      confirmLabel="Remove for good"
                      onConfirm={() => void run(() => settle(() => api.removeIdentity({ fingerprint256: fp })))}
                    />
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <ImportIdentityForm onChanged={onChanged} />
    </div>
  );
}
