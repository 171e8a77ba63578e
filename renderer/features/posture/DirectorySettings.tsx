/**
 * The account's LDAP directory, where the composer looks up recipients' certificates: its address
 * (LDAPS, or ldap:// with StartTLS required), base DN and optional bind. The core refuses settings
 * that could reach it in clear and says why; nothing is saved then. Connected.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Account } from '../../../shared/domain';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/Notices';
import { settle } from '../../lib/settle';

export function DirectorySettings({ account, onSaved }: { account: Account; onSaved?: (account: Account) => void }) {
  const api = useApi();
  const id = useId();
  const current = account.directory;
  const [url, setUrl] = useState(current?.url ?? '');
  const [security, setSecurity] = useState<'ldaps' | 'starttls'>(current?.security ?? 'ldaps');
  const [baseDn, setBaseDn] = useState(current?.baseDn ?? '');
  const [bindDn, setBindDn] = useState(current?.bindDn ?? '');
  const [bindPassword, setBindPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (directory: Parameters<typeof api.setAccountDirectory>[0]['directory']) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    const result = await settle(() => api.setAccountDirectory({ accountId: account.id, directory }));
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setBindPassword('');
    setSaved(directory ? 'Saved: recipients without a known certificate are looked up there.' : 'The directory was removed.');
    onSaved?.(result.value);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save({ url, security, baseDn, bindDn: bindDn.trim() || null, bindPassword: bindPassword || null });
  };

  return (
    <form className="directory-settings" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>Directory (LDAP)</h3>
      <p className="muted">Your organisation&apos;s directory, where Sealmail finds the certificates of colleagues who have not written to you yet. Reached over TLS only.</p>
      <label>
        Directory address
        <input value={url} onChange={(event) => setUrl(event.target.value)} placeholder="ldaps://ldap.example.com" />
      </label>
      <label>
        Directory security
        <select value={security} onChange={(event) => setSecurity(event.target.value as 'ldaps' | 'starttls')}>
          <option value="ldaps">LDAPS (TLS from the first byte)</option>
          <option value="starttls">StartTLS (required)</option>
        </select>
      </label>
      <label>
        Base DN
        <input value={baseDn} onChange={(event) => setBaseDn(event.target.value)} placeholder="dc=example,dc=com" />
      </label>
      <label>
        Bind DN (optional)
        <input value={bindDn} onChange={(event) => setBindDn(event.target.value)} />
      </label>
      <label>
        Bind password
        <input type="password" value={bindPassword} onChange={(event) => setBindPassword(event.target.value)} autoComplete="off" />
      </label>
      <ErrorAlert message={error} />
      {saved ? <p role="status">{saved}</p> : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          Save directory
        </button>
        {current ? (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => void save(null)}>
            Remove directory
          </button>
        ) : null}
      </div>
    </form>
  );
}
