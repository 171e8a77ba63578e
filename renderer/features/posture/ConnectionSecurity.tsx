/**
 * The "Connection security" button of an account and the panel it opens: asks the core to measure
 * both connections now and shows how each is protected, or why it is not. A certificate no authority
 * vouches for (or one that changed since it was pinned) can be reviewed, and pinned only through the
 * explicit trust dialog. Then how the account signs in (a password, or OAuth 2.0 and whether the
 * provider still accepts it). Below, the one sending setting about the servers beyond: whether to be
 * warned before sending to a domain that does not enforce TLS between servers. Connected.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Account } from '../../../shared/domain';
import type { CertificateSummary } from '../../../shared/errors';
import type { AccountPosture, MailProtocol } from '../../../shared/transport-types';
import { useApi } from '../../api/api-context';
import { CertificateTrustDialog } from '../../components/CertificateTrustDialog';
import { ConnectionPostureView } from '../../components/ConnectionPostureView';
import { Icon } from '../../components/Icon';
import { ErrorAlert, Spinner } from '../../components/Notices';
import { settle } from '../../lib/settle';
import { useTransportWarning } from '../../lib/transport-warning';
import { DirectorySettings } from './DirectorySettings';
import { SignInSection } from './SignInSection';
import '../../styles/connection-security.css';

type State = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; posture: AccountPosture };

/** `onOpenCertificates` puts the certificate manager one click away from the account's settings. */
export function ConnectionSecurity({ account, onOpenCertificates }: { account: Account; onOpenCertificates?: () => void }) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button type="button" ref={opener} className="button button-quiet button-small" onClick={() => setOpen(true)}>
        <Icon name="shield" />
        Connection security
      </button>
      {open ? (
        <PosturePanel
          account={account}
          onClose={() => {
            setOpen(false);
            opener.current?.focus();
          }}
          onOpenCertificates={
            onOpenCertificates &&
            (() => {
              setOpen(false);
              onOpenCertificates();
            })
          }
        />
      ) : null}
    </>
  );
}

function PosturePanel({ account, onClose, onOpenCertificates }: { account: Account; onClose(): void; onOpenCertificates?: (() => void) | undefined }) {
  const api = useApi();
  const id = useId();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [reviewing, setReviewing] = useState<{ protocol: MailProtocol; certificate: CertificateSummary; reason: string } | null>(null);
  const [pinError, setPinError] = useState<string | null>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [warnUnenforced, setWarnUnenforced] = useTransportWarning();

  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void settle(() => api.accountPosture({ accountId: account.id })).then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', posture: result.value } : { status: 'error', message: result.error.message });
    });
    return () => {
      live = false;
    };
  }, [api, account.id, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const pin = async (protocol: MailProtocol, fingerprint256: string) => {
    setReviewing(null);
    setPinError(null);
    const result = await settle(() => api.pinCertificate({ accountId: account.id, protocol, fingerprint256 }));
    if (result.ok) retry();
    else setPinError(result.error.message);
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <h2 id={`${id}-title`}>Connection security of {account.address}</h2>
        {state.status === 'loading' ? <Spinner label="Checking both servers…" /> : null}
        {state.status === 'error' ? <ErrorAlert message={state.message} /> : null}
        {state.status === 'ready' ? (
          <ConnectionPostureView posture={state.posture} onReview={(protocol, certificate, reason) => setReviewing({ protocol, certificate, reason })} />
        ) : null}
        <ErrorAlert message={pinError} />
        <SignInSection account={account} />
        <section className="posture-beyond" aria-labelledby={`${id}-beyond`}>
          <h3 id={`${id}-beyond`}>Beyond your provider</h3>
          <p className="muted">
            Your provider&apos;s server delivers your mail to each recipient&apos;s servers. Sealmail cannot choose how, but it can check what each recipient domain asks for (DANE, MTA-STS) and shows it in the composer.
          </p>
          <label className="checkbox-line">
            <input type="checkbox" checked={warnUnenforced} onChange={(event) => setWarnUnenforced(event.target.checked)} />
            Warn me before sending to a domain that does not enforce TLS between servers
          </label>
        </section>
        <DirectorySettings account={account} />
        <div className="form-actions">
          <button type="button" className="button" onClick={retry} disabled={state.status === 'loading'}>
            Check again
          </button>
          {onOpenCertificates ? (
            <button type="button" className="button" onClick={onOpenCertificates}>
              Certificates…
            </button>
          ) : null}
          <button type="button" className="button button-primary" ref={close} onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {reviewing ? (
        <CertificateTrustDialog
          certificate={reviewing.certificate}
          reason={reviewing.reason}
          onCancel={() => setReviewing(null)}
          onTrust={() => void pin(reviewing.protocol, reviewing.certificate.fingerprint256)}
        />
      ) : null}
    </div>
  );
}
