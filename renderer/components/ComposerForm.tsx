/**
 * The composer: To, Cc, Bcc (chips that say whether a certificate is known), Subject, the text,
 * attachments by picker or drag and drop, and the Sign and Encrypt toggles, pressed by default.
 * Controlled: its owner keeps the draft, so a failed or refused send loses nothing. Save draft
 * (Ctrl+S) and Close keep it on the server; Discard throws it away. Turning Encrypt off in an answer
 * to encrypted mail shows a warning beside the toggle. Below the attachments, the Delivery line says
 * which recipient domains enforce TLS between servers.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import type { CertificateLookup } from '../../shared/certificate-lookup-types';
import type { CertificateKnown, SuggestedAddress } from '../../shared/compose-types';
import { ComposerAttachments, type DraftFile } from './ComposerAttachments';
import { Icon } from './Icon';
import { ErrorAlert, Notice } from './Notices';
import { RecipientDomainsPanel, type RecipientDomainsState } from './RecipientDomainsPanel';
import { RecipientField } from './RecipientField';
import { SendRefusal, type Refusal, type RefusalChoice } from './SendRefusal';

export type { DraftFile } from './ComposerAttachments';

export type RecipientKind = 'to' | 'cc' | 'bcc';

export interface Draft {
  to: string[];
  cc: string[];
  bcc: string[];
  /** What is typed in each recipient box and not yet a chip. */
  typed: Record<RecipientKind, string>;
  subject: string;
  text: string;
  attachments: DraftFile[];
  sign: boolean;
  encrypt: boolean;
  inReplyTo: string | null;
  references: string[];
  /** It answers or forwards encrypted mail: turning Encrypt off exposes what it quotes. */
  originalEncrypted: boolean;
  /** Recipients asked for their certificate with a signed request, until this message is sent. */
  askedForCertificates: string[];
}

export function emptyDraft(): Draft {
  return { to: [], cc: [], bcc: [], typed: { to: '', cc: '', bcc: '' }, subject: '', text: '', attachments: [], sign: true, encrypt: true, inReplyTo: null, references: [], originalEncrypted: false, askedForCertificates: [] };
}

export function isUntouched(draft: Draft): boolean {
  return !draft.to.length && !draft.cc.length && !draft.bcc.length && !draft.typed.to && !draft.typed.cc && !draft.typed.bcc && !draft.subject && !draft.text && !draft.attachments.length;
}

export interface ComposerFormProps {
  title: string;
  /** The sending identity, shown read-only: `Jane <jane@example.test>`. */
  from: string;
  draft: Draft;
  onChange(update: (old: Draft) => Draft): void;
  certificates: Readonly<Record<string, CertificateKnown>>;
  /** What the core's certificate lookups said per recipient (lower-case address). */
  certificateLookups?: Readonly<Record<string, CertificateLookup>>;
  suggest?: (query: string) => Promise<SuggestedAddress[]>;
  pending: boolean;
  error: string | null;
  notice?: string | null;
  refusal: Refusal | null;
  onRefusalChoice(choice: RefusalChoice): void;
  readingFiles: readonly string[];
  onAddFiles(files: File[]): void;
  onSend(): void;
  onDiscard(): void;
  /** Opens the certificate manager over the composer, the draft kept. */
  onOpenCertificates?: () => void;
  /** Which field gets focus first: the text for a reply, To otherwise. */
  focus?: 'to' | 'text';
  /** The quiet line saying when the draft was last saved, or why not. */
  draftStatus?: string | null;
  savingDraft?: boolean;
  /** Saves the draft to the server now (Ctrl+S). */
  onSaveDraft?: () => void;
  /** Closes the composer, keeping the draft on the server. */
  onClose?: () => void;
  /** Each recipient domain's transport policy, looked up as recipients are added. */
  recipientDomains?: RecipientDomainsState;
}

/** What the warning beside Encrypt says when an answer to encrypted mail would go out unencrypted. */
export function exposureWarning(draft: Pick<Draft, 'inReplyTo'>): string {
  return draft.inReplyTo !== null
    ? 'The message you are replying to was encrypted. Sending this reply unencrypted exposes the quoted text.'
    : 'The message you are forwarding was encrypted. Sending it unencrypted exposes its content.';
}

export function ComposerForm(props: ComposerFormProps) {
  const { title, from, draft, onChange, certificates, suggest, pending, error, notice, refusal, onRefusalChoice, readingFiles, onAddFiles, onSend, onDiscard, onOpenCertificates, focus = 'to' } = props;
  const { draftStatus = null, savingDraft = false, onSaveDraft, onClose } = props;
  const exposed = draft.originalEncrypted && !draft.encrypt;
  const id = useId();
  const [dropping, setDropping] = useState(false);
  const textArea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    // A reply starts with the cursor above the quote.
    if (focus !== 'text' || !textArea.current) return;
    textArea.current.focus();
    textArea.current.setSelectionRange(0, 0);
    textArea.current.scrollTop = 0;
  }, [focus]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSend();
  };

  // Escape closes an untouched composer; a draft with content needs the Discard button.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !pending && isUntouched(draft)) {
      event.preventDefault();
      onDiscard();
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!pending) onSend();
    }
    if (event.key.toLowerCase() === 's' && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && onSaveDraft) {
      event.preventDefault();
      if (!pending) onSaveDraft();
    }
  };

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event) || pending) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDropping(false);
    const files = Array.from(event.dataTransfer.files ?? []);
    if (files.length > 0 && !pending) onAddFiles(files);
  };

  const recipients = (kind: RecipientKind, label: string) => (
    <RecipientField
      label={label}
      addresses={draft[kind]}
      text={draft.typed[kind]}
      certificates={certificates}
      lookups={props.certificateLookups}
      suggest={suggest}
      autoFocus={kind === 'to' && focus === 'to'}
      onChange={(addresses, text) => onChange((old) => ({ ...old, [kind]: addresses, typed: { ...old.typed, [kind]: text } }))}
    />
  );

  return (
    <div
      className={dropping ? 'composer composer-dropping' : 'composer'}
      role="dialog"
      aria-labelledby={`${id}-title`}
      onKeyDown={onKeyDown}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={onDrop}
    >
      <form className="composer-form" onSubmit={submit} noValidate aria-busy={pending}>
        <div className="composer-titlebar">
          <h2 id={`${id}-title`}>{title}</h2>
          <span className="composer-from">From {from}</span>
          {onClose ? (
            <button type="button" className="button button-quiet button-small composer-close" onClick={onClose} disabled={pending} aria-label="Close" title="Close (the draft is kept)">
              <Icon name="close" />
            </button>
          ) : null}
        </div>
        <fieldset className="composer-fields" disabled={pending}>
          <legend className="sr-only">Recipients and message</legend>
          {recipients('to', 'To')}
          {recipients('cc', 'Cc')}
          {recipients('bcc', 'Bcc')}
          <div className="composer-line">
            <label htmlFor={`${id}-subject`}>Subject</label>
            <input id={`${id}-subject`} value={draft.subject} onChange={(event) => onChange((old) => ({ ...old, subject: event.target.value }))} />
          </div>
          <label htmlFor={`${id}-text`} className="sr-only">
            Message
          </label>
          <textarea
            id={`${id}-text`}
            className="composer-text"
            value={draft.text}
            onChange={(event) => onChange((old) => ({ ...old, text: event.target.value }))}
            rows={12}
            ref={textArea}
          />
          <ComposerAttachments
            files={draft.attachments}
            reading={readingFiles}
            onAdd={onAddFiles}
            onRemove={(fileId) => onChange((old) => ({ ...old, attachments: old.attachments.filter((f) => f.id !== fileId) }))}
            disabled={pending}
          />
        </fieldset>
        {dropping ? (
          <div className="composer-drop" aria-hidden="true">
            <Icon name="paperclip" /> Drop files to attach
          </div>
        ) : null}
        {props.recipientDomains ? <RecipientDomainsPanel state={props.recipientDomains} /> : null}
        {notice ? <Notice>{notice}</Notice> : null}
        {exposed ? (
          <div id={`${id}-exposed`} role="alert" className="notice notice-warning composer-exposure">
            <Icon name="alert" />
            <span>{exposureWarning(draft)}</span>
          </div>
        ) : null}
        {refusal ? <SendRefusal refusal={refusal} onChoose={onRefusalChoice} /> : null}
        <ErrorAlert message={error} className="composer-error" />
        <div className="composer-actions">
          <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending} aria-keyshortcuts="Control+Enter">
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
          <div className="composer-security" role="group" aria-label="Protection">
            <button
              type="button"
              className="button button-small toggle"
              aria-pressed={draft.sign}
              disabled={pending}
              onClick={() => onChange((old) => ({ ...old, sign: !old.sign }))}
              title={draft.sign ? 'The message will be signed, so recipients can tell it is from you and unchanged.' : 'The message will not be signed.'}
            >
              <Icon name="signature" />
              Sign
            </button>
            <button
              type="button"
              className="button button-small toggle"
              aria-pressed={draft.encrypt}
              aria-describedby={exposed ? `${id}-exposed` : undefined}
              disabled={pending}
              onClick={() => onChange((old) => ({ ...old, encrypt: !old.encrypt }))}
              title={draft.encrypt ? 'Only the recipients will be able to read the message.' : 'The message will not be encrypted.'}
            >
              <Icon name={draft.encrypt ? 'lock' : 'unlock'} />
              Encrypt
            </button>
            {onOpenCertificates ? (
              <button type="button" className="button button-quiet button-small" onClick={onOpenCertificates} disabled={pending}>
                Certificates…
              </button>
            ) : null}
          </div>
          <button type="button" className="button button-quiet" onClick={onDiscard} disabled={pending}>
            Discard
          </button>
        </div>
        <div className="composer-draft-row">
          <p className="composer-draft-status muted" aria-live="polite">
            {draftStatus}
          </p>
          {onSaveDraft ? (
            <button type="button" className="button button-quiet button-small" onClick={onSaveDraft} disabled={pending || savingDraft} aria-keyshortcuts="Control+S" title="Save draft (Ctrl+S)">
              Save draft
            </button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
