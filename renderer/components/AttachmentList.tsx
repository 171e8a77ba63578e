/** The attachments of a message: name, type and size. */
import type { AttachmentInfo } from '../../shared/domain';
import { formatSize } from '../lib/format';
import { Icon } from './Icon';

export function AttachmentList({ attachments }: { attachments: readonly AttachmentInfo[] }) {
  if (attachments.length === 0) return null;
  return (
    <section className="attachments" aria-label="Attachments">
      <h3 className="attachments-title">
        <Icon name="paperclip" />
        {attachments.length === 1 ? '1 attachment' : `${attachments.length} attachments`}
      </h3>
      <ul className="attachment-list">
        {attachments.map((attachment, index) => (
          <li key={`${index}-${attachment.filename}`} className="attachment">
            <span className="attachment-name">{(attachment.filename ?? '').trim() || 'Unnamed attachment'}</span>{' '}
            <span className="attachment-size">{formatSize(attachment.size)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
