/**
 * People: each correspondent's certificates, where each came from, which one encryption uses, and
 * changes; and the import of contacts' certificates from a .vcf, with what was refused and why.
 */
import { useRef, useState } from 'react';
import { isFoundSource, type ContactImportOutcome, type KeystoreOverview, type PersonCertificateSource, type PersonSummary } from '../../../shared/certificates';
import { useApi } from '../../api/api-context';
import { EmptyState, ErrorAlert } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { readFileAsBase64 } from './certificate-files';
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

/** How the change notice says where the different certificate came from. */
const CHANGE_ORIGIN: Record<PersonCertificateSource, string> = {
  collected: 'signed with a different certificate',
  vcard: 'has a different certificate in a vCard you imported',
  directory: 'has a different certificate in your directory',
  dns: 'has a different certificate published in DNS (SMIMEA)',
  imported: 'has a different certificate you imported',
  confirmed: 'has a different certificate you confirmed',
};

const MAX_CONTACTS_FILE_BYTES = 1_000_000;

function changeSentence(person: PersonSummary): string {
  const changed = person.changed!;
  const source = person.certificates.find((c) => c.certificate.fingerprint256 === changed.fingerprint256)?.source ?? 'collected';
  return `${person.email} ${CHANGE_ORIGIN[source]} on ${changed.at.slice(0, 10)}. Both are kept; confirm the new one if you expected the change.`;
}

/** The "Import contacts (.vcf)…" button and what the import gave. */
function ImportContacts({ onChanged }: { onChanged(): void }) {
  const api = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ContactImportOutcome | null>(null);
  const pick = async (file: File | undefined) => {
    setError(null);
    setOutcome(null);
    if (!file) return;
    if (file.size > MAX_CONTACTS_FILE_BYTES) return setError(`${file.name} is too large for a contacts file (over 1 MB).`);
    const data = await readFileAsBase64(file);
    const result = await settle(() => api.importContacts({ fileName: file.name, data }));
    if (input.current) input.current.value = '';
    if (!result.ok) return setError(result.error.message);
    setOutcome(result.value);
    onChanged();
  };
  return (
    <div className="contacts-import">
      <button type="button" className="button button-small" onClick={() => input.current?.click()}>
        Import contacts (.vcf)…
      </button>
      <input ref={input} type="file" accept=".vcf,text/vcard" hidden aria-label="Contacts file (.vcf)" onChange={(e) => void pick(e.target.files?.[0])} />
      <ErrorAlert message={error} />
      {outcome ? (
        <div className="notice" role="status" aria-label="Contacts import">
          <p>
            {outcome.added.length === 0
              ? 'No certificate was added; nothing changed.'
              : `Added certificates for ${outcome.added.map((p) => p.email).join(', ')}.`}
          </p>
          {outcome.refused.length ? (
            <ul aria-label="Refused">
              {outcome.refused.map((r, index) => (
                <li key={index}>
                  <strong>{r.contact}</strong>: {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

export function PeopleTab({ overview, onChanged }: { overview: KeystoreOverview; onChanged(): void }) {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  const act = async (call: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    setError(null);
    const result = await call();
    if (!result.ok) setError(result.error?.message ?? 'That did not work.');
    onChanged();
  };
  // One tree whether or not there are people yet, so the import's outcome survives the reload that follows it.
  return (
    <div className="certificate-tab">
      <ErrorAlert message={error} />
      <ImportContacts onChanged={onChanged} />
      {overview.people.length === 0 ? (
        <EmptyState title="No correspondents yet">Certificates arrive here when you read validly signed mail, or when you import them.</EmptyState>
      ) : (
        <ul className="certificate-list" aria-label="People">
          {overview.people.map((person) => (
            <li key={person.email} className="certificate-item">
              <h4>{person.email}</h4>
              {person.changed ? (
                <div className="notice notice-warning" role="note">
                  {changeSentence(person)}
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
      )}
    </div>
  );
}
