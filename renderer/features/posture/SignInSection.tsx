/**
 * How the account logs in, in Connection security: a password, or OAuth 2.0 with its provider and
 * when the provider last issued a token. Once the provider stops accepting the sign-in (revoked,
 * password changed there), it says so and offers signing in again through the browser. Connected.
 */
import { useEffect, useId, useState } from 'react';
import type { Account } from '../../../shared/domain';
import type { SignInStatus } from '../../../shared/oauth-types';
import { useApi } from '../../api/api-context';
import { ErrorAlert } from '../../components/Notices';
import { formatFullDate } from '../../lib/format';
import { settle } from '../../lib/settle';

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; signIn: SignInStatus };
type Again = { status: 'idle' } | { status: 'waiting' } | { status: 'done' } | { status: 'error'; message: string };

export function SignInSection({ account }: { account: Account }) {
  const api = useApi();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [again, setAgain] = useState<Again>({ status: 'idle' });

  useEffect(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    setAgain({ status: 'idle' });
    void settle(() => api.accountSignIn({ accountId: account.id })).then((result) => {
      if (live) setLoaded(result.ok ? { status: 'ready', signIn: result.value } : { status: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, account.id]);

  const signInAgain = async () => {
    setAgain({ status: 'waiting' });
    const result = await settle(() => api.signInAgain({ accountId: account.id }));
    if (!result.ok) {
      setAgain({ status: 'error', message: result.error.message });
      return;
    }
    setLoaded({ status: 'ready', signIn: result.value });
    setAgain({ status: 'done' });
  };

  // The account itself says which method it uses, so the row is right even before (or without) the core's answer.
  const status = loaded.status === 'ready' ? loaded.signIn : null;
  const providerName = status?.method === 'oauth2' ? status.providerName : account.signIn?.providerName;
  const oauth = status ? status.method === 'oauth2' : account.signIn?.method === 'oauth2';

  return (
    <section className="posture-sign-in" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sign-in</h3>
      {!oauth ? <p>Sign-in: password</p> : null}
      {oauth ? <p>{`Sign-in: OAuth 2.0 (${providerName ?? 'your provider'})`}</p> : null}
      {status?.method === 'oauth2' ? <p className="field-hint">{status.lastRefreshedAt ? `Token last refreshed ${formatFullDate(status.lastRefreshedAt)}` : 'Token not yet refreshed'}</p> : null}
      {oauth && loaded.status === 'error' ? <p className="field-hint">{`Sealmail could not tell when the token was last refreshed: ${loaded.message}`}</p> : null}
      {status?.method === 'oauth2' && !status.signedIn ? (
        <>
          <ErrorAlert message={`${status.providerName} no longer accepts Sealmail's sign-in. Sign in again to keep receiving and sending mail.`} />
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={again.status === 'waiting'} aria-busy={again.status === 'waiting'} onClick={() => void signInAgain()}>
              {`Sign in with ${status.providerName} again`}
            </button>
          </div>
        </>
      ) : null}
      {oauth ? (
        <p className="field-hint" role="status" aria-live="polite">
          {again.status === 'waiting' ? `Waiting for you to sign in with ${providerName ?? 'your provider'} in your browser…` : null}
          {again.status === 'done' ? `Signed in with ${providerName ?? 'your provider'} again.` : null}
        </p>
      ) : null}
      {again.status === 'error' ? <ErrorAlert message={again.message} /> : null}
    </section>
  );
}
