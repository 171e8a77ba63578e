/** People: each correspondent's certificates, where each came from, which one encryption uses, and changes. */
import { useState } from 'react';
import { isFoundSource, type KeystoreOverview, type PersonCertificateSource } from '../../../shared/certificates';
import { useApi } from '../../api/api-context';
import { EmptyState, ErrorAlert } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { CertificateFacts } from './CertificateFacts';
import { ConfirmButton } from './ConfirmButton';

const SOURCE_LABELS: Record<PersonCertificateSource, string> = {
  imported: 'Imported by you',
  confirmed: 'Confirmed by you',
  collected: 'Collected from signed mail',
  vcard: 'From a vCard',
  directory: 'From your directory',
  dns: 'Published in DNS (SMIMEA)',
};

export function PeopleTab({ overview, onChanged }: { overview: KeystoreOverview; onChanged(): void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const act = async (call: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setError(null);
    const result = await call();
    if (!result.ok) setError(result.error?.message ?? 'That did not work.');
    onChanged();
  };
  if (overview.people.length === 0) {
    return <EmptyState title="No correspondents yet">Certificates arrive here when you read validly signed mail, or when you import them.</EmptyState>;
  }
  return (
    <div className="certificate-tab">
      <ErrorAlert message={error} />
      <ul className="certificate-list" aria-label="People">
        {overview.people.map((person) => (
          <li key={person.email} className="certificate-item">
            <h4>{person.email}</h4>
            {person.changed ? (
              <div className="notice notice-warning" role="note">
                {person.email} signed with a different certificate on {person.changed.at.slice(0, 10)}. Both are kept; confirm the new one if you expected the change.
              </div>
            ) : null}
            {person.certificates.map((entry) => {
              const fp = entry.certificate.fingerprint256;
              return (
                <div key={fp} className="person-certificate">
                  <CertificateFacts certificate={entry.certificate} title={SOURCE_LABELS[entry.source]} />
                  <div className="certificate-meta">
                    First seen {entry.firstSeen.slice(0, 10)}, last seen {entry.lastSeen.slice(0, 10)}
                    {person.encryptionFingerprint256 === fp ? ' · used to encrypt' : ''}
                  </div>
                  <div className="certificate-actions">
                    {isFoundSource(entry.source) ? (
                      <button type="button" className="button button-small" onClick={() => void act(() => settle(() => api.confirmPersonCertificate({ email: person.email, fingerprint256: fp })))}>
                        Confirm
                      </button>
                    ) : null}
                    <ConfirmButton
                      label="Remove"
                      question={`Forget this certificate of ${person.email}?`}
                      confirmLabel="Forget"
                      onConfirm={() => void act(() => settle(() => api.removePersonCertificate({ email: person.email, fingerprint256: fp })))}
                    />
                  </div>
                </div>
              );
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
