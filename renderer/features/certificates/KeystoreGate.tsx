/**
 * Opens the keystore before the manager shows anything: with the OS keychain it is already open;
 * otherwise (dev:web, a desktop without a keyring) the user creates it with a passphrase or
 * unlocks it. A wrong passphrase is said plainly and the form stays as typed.
 */
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { KeystoreStatus } from '../../../shared/certificates';
import { useApi } from '../../api/api-context';
import { ErrorAlert, Spinner } from '../../components/Notices';
import { settle } from '../../lib/settle';

const MIN_LENGTH = 8;

export function KeystoreGate({ children }: { children: ReactNode }) {
  const api = useApi();
  const [status, setStatus] = useState<KeystoreStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const load = useCallback(async () => {
    setLoadError(null);
    const result = await settle(() => api.keystoreStatus({}));
    if (result.ok) setStatus(result.value);
    else setLoadError(result.error.message);
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  if (loadError) return <ErrorAlert message={loadError} />;
  if (!status) return <Spinner label="Opening your keystore…" />;
  if (status.state === 'unlocked') return <>{children}</>;

  const creating = status.state === 'missing';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating && passphrase.length < MIN_LENGTH) return setError(`Choose a passphrase of at least ${MIN_LENGTH} characters.`);
    if (creating && passphrase !== repeat) return setError('The two passphrases differ.');
    if (!passphrase) return setError('Enter the passphrase.');
    setPending(true);
    setError(null);
    const result = await settle(() => (creating ? api.createKeystore({ passphrase }) : api.unlockKeystore({ passphrase })));
    setPending(false);
    if (result.ok) {
      setPassphrase('');
      setRepeat('');
      setStatus(result.value);
    } else setError(result.error.message);
  };

  return (
    <form className="keystore-gate" onSubmit={submit} noValidate aria-busy={pending}>
      <h3>{creating ? 'Create your keystore' : 'Unlock your keystore'}</h3>
      <p className="field-hint">
        {creating
          ? 'Your certificates and private keys are kept encrypted under a passphrase. Sealmail cannot recover it if you forget it.'
          : 'Enter the passphrase that protects your certificates and private keys.'}
      </p>
      <div className="field">
        <label htmlFor="keystore-passphrase">Keystore passphrase</label>
        <input id="keystore-passphrase" type="password" autoComplete={creating ? 'new-password' : 'current-password'} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} disabled={pending} />
      </div>
      {creating ? (
        <div className="field">
          <label htmlFor="keystore-passphrase-repeat">Repeat the passphrase</label>
          <input id="keystore-passphrase-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} disabled={pending} />
        </div>
      ) : null}
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {creating ? 'Create keystore' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
