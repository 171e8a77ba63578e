/** The toolbar acting on the selected message, and the bar that offers Undo after an action. */
import type { MessageSummary } from '../../../shared/domain';

export interface MessageActionsProps {
  selected: MessageSummary | null;
  onToggleRead(message: MessageSummary): void;
  onToggleFlag(message: MessageSummary): void;
  onArchive(message: MessageSummary): void;
  onDelete(message: MessageSummary): void;
}

export function MessageActions({ selected, onToggleRead, onToggleFlag, onArchive, onDelete }: MessageActionsProps) {
  const act = (handler: (message: MessageSummary) => void) => () => {
    if (selected) handler(selected);
  };
  return (
    <div className="message-actions" role="toolbar" aria-label="Message actions">
      <button type="button" className="button button-small" disabled={!selected} onClick={act(onToggleRead)}>
        {selected && !selected.seen ? 'Mark as read' : 'Mark as unread'}
      </button>
      <button type="button" className="button button-small" disabled={!selected} onClick={act(onToggleFlag)}>
        {selected?.flagged ? 'Unflag' : 'Flag'}
      </button>
      <button type="button" className="button button-small" disabled={!selected} onClick={act(onArchive)}>
        Archive
      </button>
      <button type="button" className="button button-small" disabled={!selected} onClick={act(onDelete)}>
        Delete
      </button>
    </div>
  );
}

export function UndoBar({ label, onUndo }: { label: string; onUndo(): void }) {
  return (
    <div className="undo-bar" role="status">
      <span>{label}.</span>
      <button type="button" className="button button-small" onClick={onUndo}>
        Undo
      </button>
    </div>
  );
}
