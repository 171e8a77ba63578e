/** The account setup form: what a person types to add an IMAP/SMTP account. Presentational. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorAlert } from './Notices';
import { Icon } from './Icon';

export interface SetupFields {
  address: string;
  displayName: string;
  password: string;
  imapHost: string;
  imapPort: string;
  smtpHost: string;
  smtpPort: string;
}

export type SetupField = keyof SetupFields;

export const EMPTY_SETUP: SetupFields = {
  address: '',
  displayName: '',
  password: '',
  imapHost: '',
  imapPort: '993',
  smtpHost: '',
  smtpPort: '465',
};

export interface AccountSetupFormProps {
  onSubmit(fields: SetupFields): void;
  onCancel?: () => void;
  pending: boolean;
  error: string | null;
  /** The field the error is about, marked invalid and focused. */
  invalidField?: SetupField | null;
}

export function AccountSetupForm({ onSubmit, onCancel, pending, error, invalidField }: AccountSetupFormProps) {
  const [fields, setFields] = useState<SetupFields>(EMPTY_SETUP);
  const id = useId();
  const errorId = `${id}-error`;
  const inputs = useRef<Partial<Record<SetupField, HTMLInputElement | null>>>({});

  // Put the cursor where the problem is, once per reported error.
  useEffect(() => {
    if (invalidField && !pending) inputs.current[invalidField]?.focus();
  }, [invalidField, error, pending]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit(fields);
  };

  const input = (field: SetupField, label: string, extra: Record<string, string | boolean> = {}) => {
    const fieldId = `${id}-${field}`;
    const invalid = invalidField === field;
    return (
      <div className={`field field-${field}`}>
        <label htmlFor={fieldId}>{label}</label>
        <input
          id={fieldId}
          name={field}
          value={fields[field]}
          onChange={(event) => setFields((old) => ({ ...old, [field]: event.target.value }))}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          ref={(element) => {
            inputs.current[field] = element;
          }}
          {...extra}
        />
      </div>
    );
  };

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
            onChange={(event) => setFields((old) => ({ ...old, displayName: event.target.value }))}
            autoComplete="name"
            placeholder="Jane Doe"
            aria-describedby={`${id}-displayName-hint`}
          />
          <span className="field-hint" id={`${id}-displayName-hint`}>
            Optional. Shown to the people you write to.
          </span>
        </div>
        {input('password', 'Password', { type: 'password', autoComplete: 'current-password' })}
      </fieldset>

      <fieldset className="setup-group" disabled={pending}>
        <legend>Servers</legend>
        <div className="field-row">
          {input('imapHost', 'IMAP server', { placeholder: 'imap.example.com', autoCapitalize: 'off', spellCheck: false })}
          {input('imapPort', 'IMAP port', { type: 'number', inputMode: 'numeric', min: '1', max: '65535' })}
        </div>
        <div className="field-row">
          {input('smtpHost', 'SMTP server', { placeholder: 'smtp.example.com', autoCapitalize: 'off', spellCheck: false })}
          {input('smtpPort', 'SMTP port', { type: 'number', inputMode: 'numeric', min: '1', max: '65535' })}
        </div>
        <p className="field-hint">Ports 993 and 465 use TLS from the first byte (RFC 8314).</p>
      </fieldset>

      <div id={errorId}>
        <ErrorAlert message={error} />
      </div>

      <div className="form-actions">
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          {pending ? (
            <>
              <span className="spinner spinner-inline" aria-hidden="true" />
              Checking servers…
            </>
          ) : (
            'Add account'
          )}
        </button>
      </div>
    </form>
  );
}
