/**
 * One opened message: the header block (From always with its address), notices the app draws
 * outside the message's own DOM, the body, and the attachments. Presentational.
 */
import { useMemo, useState } from 'react';
import type { MessageView } from '../../shared/domain';
import { prepareMessageHtml } from '../lib/message-html';
import { formatAddress, formatAddressList, formatFullDate, nameImpersonatesAddress, subjectLabel } from '../lib/format';
import { AttachmentList } from './AttachmentList';
import { HtmlFrame } from './HtmlFrame';
import { Icon } from './Icon';
import { Notice } from './Notices';

export function MessageReader({ message }: { message: MessageView }) {
  const [showPlain, setShowPlain] = useState(false);
  const subject = subjectLabel(message.subject);
  const to = formatAddressList(message.to);
  const cc = formatAddressList(message.cc);
  // A message that failed to parse is shown as raw text only; its HTML is not trusted to mean anything.
  const html = message.parseError === null ? message.html : null;
  const prepared = useMemo(() => (html !== null ? prepareMessageHtml(html) : null), [html]);
  const frame = prepared?.ok ? prepared.srcdoc : null;

  return (
    <article className="reader">
      <header className="reader-header">
        <h2 className={(message.subject ?? '').trim() ? 'reader-subject' : 'reader-subject reader-subject-empty'}>{subject}</h2>
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
        {message.remoteContentBlocked ? (
          <Notice role="note">
            <strong>Remote content blocked</strong>{' '}
            <span className="notice-detail">Images and styles from the internet were not loaded, so the sender cannot see that you read this.</span>
          </Notice>
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

      <AttachmentList attachments={message.attachments ?? []} />
    </article>
  );
}
