/**
 * The account setup form: an address and a password are enough to start (the servers can be found
 * for them), and each server can also be given by hand with its protection: TLS from the first byte,
 * or STARTTLS as a requirement. There is no plaintext choice to make. For a provider that signs in
 * with OAuth 2.0 the password field gives way to "Sign in with <provider>". Presentational: the
 * fields belong to the caller.
 */
import { useEffect, useId, useRef, type FormEvent } from 'react';
import type { ConnectionSecurity } from '../../shared/domain';
import type { CertificateSummary } from '../../shared/errors';
import { CertificateSummaryList } from './CertificateSummaryList';
import { ErrorAlert, Notice } from './Notices';
import { Icon } from './Icon';
import { OAuthSignInActions, OAuthSignInIntro, OAuthSignInWaiting, type OAuthSignInProps } from './OAuthSignIn';

export interface SetupFields {
  address: string;
  displayName: string;
  password: string;
  imapHost: string;
  imapPort: string;
  imapSecurity: ConnectionSecurity;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: ConnectionSecurity;
}

export type SetupField = keyof SetupFields;

export const EMPTY_SETUP: SetupFields = {
  address: '',
  displayName: '',
  password: '',
  imapHost: '',
  imapPort: '993',
  imapSecurity: 'tls',
  smtpHost: '',
  smtpPort: '465',
  smtpSecurity: 'tls',
};

/** Ports whose convention is STARTTLS (RFC 9051 143, RFC 6409 587); typing one switches the choice. */
const STARTTLS_PORTS = new Set(['143', '587']);
const TLS_PORTS = new Set(['993', '465']);

/** Applies a typed change, keeping the protection in step with a conventional port. */
export function withChange(fields: SetupFields, field: SetupField, value: string): SetupFields {
  const next = { ...fields, [field]: value } as SetupFields;
  for (const server of ['imap', 'smtp'] as const) {
    if (field !== `${server}Port`) continue;
    if (STARTTLS_PORTS.has(value.trim())) next[`${server}Security`] = 'starttls';
    if (TLS_PORTS.has(value.trim())) next[`${server}Security`] = 'tls';
  }
  return next;
}

export interface AccountSetupFormProps {
  fields: SetupFields;
  onChange(fields: SetupFields): void;
  onSubmit(): void;
  /** Looks the servers up from the address. */
  onFindServers(): void;
  onCancel?: () => void;
  pending: boolean;
  /** What is happening while pending, e.g. 'Finding your servers…'. */
  pendingLabel?: string;
  error: string | null;
  /** The field the error is about, marked invalid and focused. */
  invalidField?: SetupField | null;
  /** The certificate behind a refusal, shown beside the error. */
  refusedCertificate?: CertificateSummary | null;
  /** Where found servers came from and what was thrown away. */
  notes?: readonly string[];
  /** Certificates the user chose to trust in this setup, by server. */
  pins?: { imap?: string; smtp?: string };
  /** Set when the address's provider signs in with OAuth 2.0: no password is asked for then. */
  oauth?: OAuthSignInProps | null;
}

export function AccountSetupForm(props: AccountSetupFormProps) {
  const { fields, onChange, onSubmit, onFindServers, onCancel, pending, pendingLabel, error, invalidField, refusedCertificate, notes, pins, oauth } = props;
  const id = useId();
  const errorId = `${id}-error`;
  const inputs = useRef<Partial<Record<SetupField, HTMLInputElement | HTMLSelectElement | null>>>({});

  // Put the cursor where the problem is, once per reported error.
  useEffect(() => {
    if (invalidField && !pending) inputs.current[invalidField]?.focus();
  }, [invalidField, error, pending]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending && !oauth?.problem) onSubmit();
  };

  const described = (field: SetupField) => (invalidField === field ? errorId : undefined);
  const input = (field: Exclude<SetupField, 'imapSecurity' | 'smtpSecurity'>, label: string, extra: Record<string, string | boolean> = {}) => (
    <div className={`field field-${field}`}>
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input
        id={`${id}-${field}`}
        name={field}
        value={fields[field]}
        onChange={(event) => onChange(withChange(fields, field, event.target.value))}
        aria-invalid={invalidField === field || undefined}
        aria-describedby={described(field)}
        ref={(element) => {
          inputs.current[field] = element;
        }}
        {...extra}
      />
    </div>
  );
  const security = (server: 'imap' | 'smtp') => {
    const field = `${server}Security` as const;
    return (
      <div className={`field field-${field}`}>
        <label htmlFor={`${id}-${field}`}>{server === 'imap' ? 'IMAP security' : 'SMTP security'}</label>
        <select
          id={`${id}-${field}`}
          name={field}
          value={fields[field]}
          onChange={(event) => onChange({ ...fields, [field]: event.target.value === 'starttls' ? 'starttls' : 'tls' })}
          ref={(element) => {
            inputs.current[field] = element;
          }}
        >
          <option value="tls">TLS (recommended)</option>
          <option value="starttls">STARTTLS, required</option>
        </select>
      </div>
    );
  };
  const pinNote = (server: 'imap' | 'smtp') =>
    pins?.[server] ? (
      <p className="field-hint pin-note">
        You trust the certificate with SHA-256 fingerprint <span className="fingerprint">{pins[server]}</span> for this server.
      </p>
    ) : null;

  return (
    <form className="setup-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} aria-busy={pending}>
      <div className="setup-brand">
        <span className="brand-mark">
          <Icon name="lock" />
        </span>
        <div>
          <h1 id={`${id}-title`}>Add your mail account</h1>
          <p className="setup-lede">Sealmail connects over TLS only and never sends your password in clear.</p>
        </div>
      </div>

      <fieldset className="setup-group" disabled={pending}>
        <legend>You</legend>
        {input('address', 'Email address', { type: 'email', autoComplete: 'email', placeholder: 'you@example.com', spellCheck: false })}
        <div className="field field-displayName">
          <label htmlFor={`${id}-displayName`}>Display name</label>
          <input
            id={`${id}-displayName`}
            name="displayName"
            value={fields.displayName}
            onChange={(event) => onChange({ ...fields, displayName: event.target.value })}
            autoComplete="name"
            placeholder="Jane Doe"
            aria-describedby={`${id}-displayName-hint`}
          />
          <span className="field-hint" id={`${id}-displayName-hint`}>
            Optional. Shown to the people you write to.
          </span>
        </div>
        {oauth ? <OAuthSignInIntro providerName={oauth.providerName} problem={oauth.problem} /> : input('password', 'Password', { type: 'password', autoComplete: 'current-password' })}
      </fieldset>

      <fieldset className="setup-group" disabled={pending}>
        <legend>Servers</legend>
        <p className="field-hint">
          Leave these empty and Sealmail looks them up from your address (DNS, then your provider&apos;s settings over HTTPS).{' '}
          <button type="button" className="button button-quiet button-small" onClick={onFindServers}>
            Find servers
          </button>
        </p>
        <div className="field-row">
          {input('imapHost', 'IMAP server', { placeholder: 'imap.example.com', autoCapitalize: 'off', spellCheck: false })}
          {input('imapPort', 'IMAP port', { type: 'number', inputMode: 'numeric', min: '1', max: '65535' })}
          {security('imap')}
        </div>
        {pinNote('imap')}
        <div className="field-row">
          {input('smtpHost', 'SMTP server', { placeholder: 'smtp.example.com', autoCapitalize: 'off', spellCheck: false })}
          {input('smtpPort', 'SMTP port', { type: 'number', inputMode: 'numeric', min: '1', max: '65535' })}
          {security('smtp')}
        </div>
        {pinNote('smtp')}
        <p className="field-hint">TLS protects the connection from the first byte (ports 993 and 465, RFC 8314); STARTTLS (143, 587) is used only if the server agrees before anything else is sent.</p>
      </fieldset>

      {notes && notes.length > 0 ? (
        <Notice role="status">
          {notes.map((note) => (
            <span key={note} className="setup-note">
              {note}
            </span>
          ))}
        </Notice>
      ) : null}

      <div id={errorId}>
        <ErrorAlert message={error} />
        {error && refusedCertificate ? <CertificateSummaryList certificate={refusedCertificate} /> : null}
      </div>

      {oauth ? <OAuthSignInWaiting providerName={oauth.providerName} waiting={oauth.waiting} /> : null}

      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
        {oauth ? (
          <OAuthSignInActions {...oauth} busy={pending} busyLabel={pendingLabel} />
        ) : (
          <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
            {pending ? (
              <>
                <span className="spinner spinner-inline" aria-hidden="true" />
                {pendingLabel ?? 'Checking servers…'}
              </>
            ) : (
              'Add account'
            )}
          </button>
        )}
      </div>
    </form>
  );
}
