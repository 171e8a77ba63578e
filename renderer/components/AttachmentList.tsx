/**
 * The attachments of a message: name, type and size, each with a Save button. Saving hands the
 * file to a download (a save dialog in the app); nothing is ever opened automatically.
 */
import type { AttachmentInfo } from '../../shared/domain';
import { formatSize } from '../lib/format';
import { Icon } from './Icon';

export interface AttachmentListProps {
  attachments: readonly AttachmentInfo[];
  /** Saves the attachment at this index; without it the list is read-only. */
  onSave?: (index: number) => void;
  /** Indexes being fetched right now. */
  saving?: ReadonlySet<number>;
}

export function AttachmentList({ attachments, onSave, saving }: AttachmentListProps) {
  if (attachments.length === 0) return null;
  return (
    <section className="attachments" aria-label="Attachments">
      <h3 className="attachments-title">
        <Icon name="paperclip" />
        {attachments.length === 1 ? '1 attachment' : `${attachments.length} attachments`}
      </h3>
      <ul className="attachment-list">
        {attachments.map((attachment, index) => {
          const name = (attachment.filename ?? '').trim() || 'Unnamed attachment';
          const busy = saving?.has(index) ?? false;
          return (
            <li key={`${index}-${attachment.filename}`} className="attachment">
              <span className="attachment-name">{name}</span>{' '}
              <span className="attachment-size">{formatSize(attachment.size)}</span>
              {onSave ? (
                <button
                  type="button"
                  className="button button-quiet button-small attachment-save"
                  onClick={() => onSave(index)}
                  disabled={busy}
                  aria-busy={busy}
                  aria-label={`Save ${name}`}
                >
                  {busy ? <span className="spinner spinner-inline" aria-hidden="true" /> : <Icon name="download" />}
                  {busy ? 'Saving…' : 'Save'}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
