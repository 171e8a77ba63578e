/** The composer's attachments: the files added so far, each removable, and the button to add more. */
import { useId, useRef } from 'react';
import { formatSize } from '../lib/format';
import { Icon } from './Icon';

export interface DraftFile {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  base64: string;
}

export interface ComposerAttachmentsProps {
  files: readonly DraftFile[];
  /** Files being read from disk right now, by name, for the progress line. */
  reading: readonly string[];
  onAdd(files: File[]): void;
  onRemove(id: string): void;
  disabled?: boolean;
}

export function ComposerAttachments({ files, reading, onAdd, onRemove, disabled }: ComposerAttachmentsProps) {
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  return (
    <div className="composer-attachments">
      {files.length > 0 ? (
        <ul className="draft-files" aria-label="Attached files">
          {files.map((file) => (
            <li key={file.id} className="draft-file">
              <Icon name="paperclip" />
              <span className="draft-file-name">{file.filename}</span>
              <span className="draft-file-size">{formatSize(file.size)}</span>
              <button type="button" className="chip-remove" aria-label={`Remove attachment ${file.filename}`} onClick={() => onRemove(file.id)} disabled={disabled}>
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {reading.length > 0 ? (
        <p className="muted draft-reading" role="status">
          <span className="spinner spinner-inline" aria-hidden="true" /> Reading {reading.join(', ')}…
        </p>
      ) : null}
      <input
        id={`${id}-picker`}
        ref={picker}
        type="file"
        multiple
        hidden
        aria-label="Choose files to attach"
        data-testid="attach-input"
        onChange={(event) => {
          const chosen = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (chosen.length > 0) onAdd(chosen);
        }}
      />
      <button type="button" className="button button-quiet button-small" onClick={() => picker.current?.click()} disabled={disabled}>
        <Icon name="paperclip" />
        Attach files
      </button>
      <span className="muted composer-drop-hint">or drop files here</span>
    </div>
  );
}
