/**
 * The second line of a message-list row: the subject, then the attachment and flag marks. The marks
 * are always present and hidden when they do not apply, so a row reused while scrolling only flips
 * an attribute instead of building and discarding elements. Shared by the flat and grouped lists.
 */
import { subjectLabel } from '../lib/format';
import { Icon } from './Icon';

export function RowSubjectLine({ subject, hasAttachments, flagged }: { subject: string | null; hasAttachments: boolean; flagged: boolean }) {
  return (
    <div className="message-row-bottom">
      <span className={(subject ?? '').trim() ? 'message-subject' : 'message-subject message-subject-empty'}>{subjectLabel(subject)}</span>
      <span className="message-flag" title="Has attachments" hidden={!hasAttachments}>
        <Icon name="paperclip" />
        <span className="sr-only"> Has attachments</span>
      </span>
      <span className="message-flag message-flag-star" title="Flagged" hidden={!flagged}>
        <Icon name="flagged" />
        <span className="sr-only"> Flagged</span>
      </span>
    </div>
  );
}
