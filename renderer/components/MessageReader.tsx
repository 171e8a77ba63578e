/**
 * One opened message: the actions (reply, reply all, forward), the header block (From always with
 * its address, and a warning when the unprotected outer From names another sender), notices the
 * app draws outside the message's own DOM, the body, and the attachments. Presentational.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReplyMode } from '../../shared/compose-types';
import type { MessageView } from '../../shared/domain';
import { prepareMessageHtml } from '../lib/message-html';
import { formatAddress, formatAddressList, formatFullDate, nameImpersonatesAddress, subjectLabel } from '../lib/format';
import { AttachmentList } from './AttachmentList';
import { HtmlFrame } from './HtmlFrame';
import { Icon } from './Icon';
import { Notice } from './Notices';
import { OuterSenderWarning } from './ProtectedHeaderNotes';
import { RemoteContentBar, type RemoteState } from './RemoteContentBar';
import { SecurityBadges } from './SecurityBadges';

export interface MessageReaderProps {
  message: MessageView;
  /** HTML with remote images inlined, once the user allowed them; replaces the message's own. */
  loadedHtml?: string | null;
  remote?: RemoteState;
  onLoadRemote?: () => void;
  onAlwaysAllowRemote?: () => void;
  /** Reply, reply all or forward, quoting what is shown: the HTML's text or the text part. */
  onReply?: (mode: ReplyMode, shown: 'text' | 'html') => void;
  replying?: ReplyMode | null;
  /** Told which body is on screen, so a keyboard reply quotes the same as the buttons. */
  onShownChange?: (shown: 'text' | 'html') => void;
  onSaveAttachment?: (index: number) => void;
  savingAttachments?: ReadonlySet<number>;
}

const REPLY_BUTTONS: { mode: ReplyMode; label: string; icon: 'reply' | 'replyAll' | 'forward'; keys: string }[] = [
  { mode: 'reply', label: 'Reply', icon: 'reply', keys: 'r' },
  { mode: 'replyAll', label: 'Reply all', icon: 'replyAll', keys: 'a' },
  { mode: 'forward', label: 'Forward', icon: 'forward', keys: 'f' },
];

export function MessageReader(props: MessageReaderProps) {
  const { message, loadedHtml = null, remote = { status: 'blocked' }, onLoadRemote, onAlwaysAllowRemote, onReply, replying = null, onShownChange, onSaveAttachment, savingAttachments } = props;
  const [showPlain, setShowPlain] = useState(false);
  const subject = subjectLabel(message.subject);
  const to = formatAddressList(message.to);
  const cc = formatAddressList(message.cc);
  // A message that failed to parse is shown as raw text only; its HTML is not trusted to mean anything.
  const html = message.parseError === null ? (loadedHtml ?? message.html) : null;
  const prepared = useMemo(() => (html !== null ? prepareMessageHtml(html) : null), [html]);
  const frame = prepared?.ok ? prepared.srcdoc : null;

  const shown: 'text' | 'html' = frame !== null && !showPlain ? 'html' : 'text';
  useEffect(() => onShownChange?.(shown), [onShownChange, shown]);

  return (
    <article className="reader" aria-labelledby="reader-subject" tabIndex={-1}>
      {onReply ? (
        <div className="reader-actions" role="toolbar" aria-label="Message actions">
          {REPLY_BUTTONS.map((button) => (
            <button
              key={button.mode}
              type="button"
              className="button button-small"
              onClick={() => onReply(button.mode, shown)}
              disabled={replying !== null}
              aria-busy={replying === button.mode}
              aria-keyshortcuts={button.keys}
              title={`${button.label} (${button.keys.toUpperCase()})`}
            >
              <Icon name={button.icon} />
              {button.label}
            </button>
          ))}
        </div>
      ) : null}
      <header className="reader-header">
        <h2 id="reader-subject" className={(message.subject ?? '').trim() ? 'reader-subject' : 'reader-subject reader-subject-empty'}>{subject}</h2>
        <dl className="reader-fields">
          <div className="reader-field reader-from">
            <dt>From</dt>
            <dd>
              <span className="address">{formatAddress(message.from)}</span>
              {nameImpersonatesAddress(message.from) ? (
                <span className="badge badge-warning" title="The sender's name contains an address that is not the one this message came from.">
                  Name shows a different address
                </span>
              ) : null}
              {message.headerProtection?.outerFrom ? <OuterSenderWarning outerFrom={message.headerProtection.outerFrom} /> : null}
            </dd>
          </div>
          {to ? (
            <div className="reader-field">
              <dt>To</dt>
              <dd>{to}</dd>
            </div>
          ) : null}
          {cc ? (
            <div className="reader-field">
              <dt>Cc</dt>
              <dd>{cc}</dd>
            </div>
          ) : null}
          <div className="reader-field">
            <dt>Date</dt>
            <dd>
              <time dateTime={message.date}>{formatFullDate(message.date)}</time>
            </dd>
          </div>
        </dl>
        {/* Drawn by the app, outside the message frame: the body cannot imitate or cover it. */}
        {message.security || message.delivery ? <SecurityBadges verdict={message.security} delivery={message.delivery} headerProtection={message.headerProtection} /> : null}
      </header>

      <div className="reader-notices">
        {message.parseError !== null ? (
          <Notice tone="warning">This message could not be read properly: {message.parseError}</Notice>
        ) : null}
        {prepared && !prepared.ok ? (
          <Notice tone="warning">
            Sealmail could not make this message&apos;s formatting safe ({prepared.reason}), so it is shown as plain text.
          </Notice>
        ) : null}
        {message.remoteContentBlocked && message.parseError === null ? (
          <RemoteContentBar
            state={remote}
            permitted={message.remoteContentAllowed !== false && onLoadRemote !== undefined}
            sender={message.from?.address ?? null}
            onLoad={() => onLoadRemote?.()}
            onAlwaysAllow={() => onAlwaysAllowRemote?.()}
          />
        ) : null}
        {frame !== null ? (
          <div className="reader-toggle">
            <button type="button" className="button button-small" aria-pressed={showPlain} onClick={() => setShowPlain((v) => !v)}>
              <Icon name="drafts" />
              Plain text
            </button>
          </div>
        ) : null}
      </div>

      <div className="reader-body">
        {frame !== null && !showPlain ? (
          <HtmlFrame srcdoc={frame} title={`Message content: ${subject}`} />
        ) : (
          <pre className={message.parseError !== null ? 'message-text message-raw' : 'message-text'}>
            {message.text || <span className="muted">(This message has no text.)</span>}
          </pre>
        )}
      </div>

      <AttachmentList attachments={message.attachments ?? []} onSave={onSaveAttachment} saving={savingAttachments} />
    </article>
  );
}
