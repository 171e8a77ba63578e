/**
 * The composer: To, Subject and the message text, with Send and Discard. Presentational: it keeps
 * what is typed until its owner unmounts it, so a failed send loses nothing.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ErrorAlert } from './Notices';
import { Icon } from './Icon';

export interface Draft {
  to: string;
  subject: string;
  text: string;
}

export interface ComposerFormProps {
  /** The sending identity, shown read-only: `Jane <jane@example.test>`. */
  from: string;
  pending: boolean;
  error: string | null;
  onSend(draft: Draft): void;
  onDiscard(): void;
}

export function ComposerForm({ from, pending, error, onSend, onDiscard }: ComposerFormProps) {
  const [draft, setDraft] = useState<Draft>({ to: '', subject: '', text: '' });
  const id = useId();
  const toField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    toField.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSend(draft);
  };

  // Escape closes an untouched composer; a draft with text needs the Discard button.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !pending && !draft.to && !draft.subject && !draft.text) {
      event.preventDefault();
      onDiscard();
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!pending) onSend(draft);
    }
  };

  const set = (field: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((old) => ({ ...old, [field]: event.target.value }));

  return (
    <div className="composer" role="dialog" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
      <form className="composer-form" onSubmit={submit} noValidate aria-busy={pending}>
        <div className="composer-titlebar">
          <h2 id={`${id}-title`}>New message</h2>
          {/* No lock here: a lock would promise encryption, which arrives with S/MIME, not before. */}
          <span className="composer-from">From {from}</span>
        </div>
        <fieldset className="composer-fields" disabled={pending}>
          <div className="composer-line">
            <label htmlFor={`${id}-to`}>To</label>
            <input
              id={`${id}-to`}
              ref={toField}
              value={draft.to}
              onChange={set('to')}
              placeholder="name@example.com, another@example.com"
              autoComplete="off"
              spellCheck={false}
            />
          </div>
          <div className="composer-line">
            <label htmlFor={`${id}-subject`}>Subject</label>
            <input id={`${id}-subject`} value={draft.subject} onChange={set('subject')} />
          </div>
          <label htmlFor={`${id}-text`} className="sr-only">
            Message
          </label>
          <textarea id={`${id}-text`} className="composer-text" value={draft.text} onChange={set('text')} rows={12} />
        </fieldset>
        <ErrorAlert message={error} className="composer-error" />
        <div className="composer-actions">
          <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
            {pending ? (
              <>
                <span className="spinner spinner-inline" aria-hidden="true" />
                Sending…
              </>
            ) : (
              <>
                <Icon name="sent" />
                Send
              </>
            )}
          </button>
          <button type="button" className="button button-quiet" onClick={onDiscard} disabled={pending}>
            Discard
          </button>
        </div>
      </form>
    </div>
  );
}
