/**
 * Import of a .p12/.pfx: pick the file, type its password, import. A wrong password keeps the file
 * and asks again; a file with certificates but no key offers to add them as people or authorities.
 */
import { useState, type FormEvent } from 'react';
import { VALIDATION_LABELS, WARNING_LABELS, type CertificateView } from '../../../shared/certificates';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { readFileAsBase64, tooLarge } from './certificate-files';

export function ImportIdentityForm({ onChanged }: { onChanged(): void }) {
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const [certificatesOnly, setCertificatesOnly] = useState<{ message: string; certificates: CertificateView[]; data: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone([]);
    setCertificatesOnly(null);
    if (!file) return setError('Choose a .p12 or .pfx file first.');
    const large = tooLarge(file);
    if (large) return setError(large);
    setPending(true);
    setError(null);
    const data = await readFileAsBase64(file);
    const result = await settle(() => api.importIdentity({ fileName: file.name, data, password }));
    setPending(false);
    if (!result.ok) return setError(result.error.message);
    const outcome = result.value;
    if (outcome.kind === 'certificates-only') {
      setCertificatesOnly({ message: outcome.message, certificates: outcome.certificates, data });
      return;
    }
    setDone(
      outcome.identities.flatMap(({ certificate: c }) => [
        `Imported ${c.emails.join(', ') || c.subject}: ${VALIDATION_LABELS[c.validation]}.`,
        ...c.warnings.map((w) => WARNING_LABELS[w]),
      ]),
    );
    setPassword('');
    onChanged();
  };

  const addAs = async (target: 'people' | 'authorities') => {
    if (!certificatesOnly || !file) return;
    setPending(true);
    setError(null);
    const input = { fileName: file.name, data: certificatesOnly.data, password };
    if (target === 'people') {
      const result = await settle(() => api.addPeople(input));
      if (!result.ok) setError(result.error.message);
      else setDone([`Added ${result.value.map((p) => p.email).join(', ')} to People.`]);
    } else {
      // The user saw each fingerprint in the list above before pressing this.
      const added: string[] = [];
      for (const certificate of certificatesOnly.certificates.filter((c) => c.isAuthority)) {
        const result = await settle(() => api.addAuthority({ ...input, fingerprint256: certificate.fingerprint256 }));
        if (!result.ok) {
          setError(result.error.message);
          break;
        }
        added.push(result.value.certificate.subject);
      }
      if (added.length) setDone([`Trusted ${added.join('; ')}.`]);
    }
    setPending(false);
    setCertificatesOnly(null);
    onChanged();
  };

  return (
    <form className="certificate-import" onSubmit={submit} noValidate aria-busy={pending}>
      <h4>Import a certificate</h4>
      <div className="field">
        <label htmlFor="identity-file">Certificate file (.p12, .pfx)</label>
        <input
          id="identity-file"
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
          disabled={pending}
        />
      </div>
      <div className="field">
        <label htmlFor="identity-password">File password</label>
        <input id="identity-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} disabled={pending} />
        <span className="field-hint">The password you chose when you saved or exported the file; leave empty if it has none.</span>
      </div>
      <ErrorAlert message={error} />
      {done.length ? (
        <div role="status" className="notice notice-info">
          {done.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      ) : null}
      {certificatesOnly ? (
        <div role="status" className="notice notice-warning certificates-only">
          <p>{certificatesOnly.message}</p>
          <ul>
            {certificatesOnly.certificates.map((c) => (
              <li key={c.fingerprint256}>
                {c.subject} {c.isAuthority ? '(authority)' : ''} <span className="fingerprint">SHA-256 {c.fingerprint256}</span>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => void addAs('people')} disabled={pending}>
            Add as people
          </button>
          {certificatesOnly.certificates.some((c) => c.isAuthority) ? (
            <button type="button" className="button button-small" onClick={() => void addAs('authorities')} disabled={pending}>
              Trust the authorities shown
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          Import
        </button>
      </div>
    </form>
  );
}
