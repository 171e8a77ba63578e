/**
 * The parts of account setup for an address whose provider signs in with OAuth 2.0: in place of the
 * password field, a line saying the password stays with the provider (and why signing in cannot
 * start, when it cannot); in place of "Add account", "Sign in with <provider>", and while the core
 * waits for the browser, that it waits and a way to start over. Presentational.
 */
import { ErrorAlert } from './Notices';

export interface OAuthSignInProps {
  providerName: string;
  /** Why signing in cannot start, in one sentence; the button is disabled while there is one. */
  problem: string | null;
  /** The core has opened the browser and waits for the person to sign in there. */
  waiting: boolean;
  /** Asks the core to open the browser again, replacing the sign-in it waits for. */
  onStartAgain(): void;
  /** Stops waiting: the person closed the browser page or changed their mind. */
  onCancelSignIn(): void;
}

/** Shown where the password field would be. */
export function OAuthSignInIntro({ providerName, problem }: Pick<OAuthSignInProps, 'providerName' | 'problem'>) {
  return (
    <div className="field oauth-sign-in">
      <p className="field-hint">{`Sealmail opens ${providerName} in your browser; your password is never given to Sealmail.`}</p>
      <ErrorAlert message={problem} />
    </div>
  );
}

/** Shown in place of the "Add account" button; it is the form's submit button, so Enter signs in too. */
export function OAuthSignInActions({ providerName, problem, waiting, onStartAgain, onCancelSignIn, busy, busyLabel }: OAuthSignInProps & { busy: boolean; busyLabel?: string | undefined }) {
  const otherwiseBusy = busy && !waiting;
  return (
    <>
      {waiting ? (
        <>
          <button type="button" className="button" onClick={onCancelSignIn}>
            Cancel sign-in
          </button>
          <button type="button" className="button" onClick={onStartAgain}>
            Start again
          </button>
        </>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy || problem !== null} aria-busy={busy}>
        {otherwiseBusy ? (
          <>
            <span className="spinner spinner-inline" aria-hidden="true" />
            {busyLabel ?? 'Checking servers…'}
          </>
        ) : (
          `Sign in with ${providerName}`
        )}
      </button>
    </>
  );
}

/** Always rendered while OAuth is offered, so that screen readers announce the wait when it starts. */
export function OAuthSignInWaiting({ providerName, waiting }: Pick<OAuthSignInProps, 'providerName' | 'waiting'>) {
  return (
    <p className="oauth-waiting" role="status" aria-live="polite">
      {waiting ? (
        <>
          <span className="spinner spinner-inline" aria-hidden="true" />
          {`Waiting for you to sign in with ${providerName} in your browser…`}
        </>
      ) : null}
    </p>
  );
}
