/** The `?` overlay: every shortcut with its keys; those the window cannot do right now are marked. */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { Icon } from '../../components/Icon';
import { SHORTCUTS, type ShortcutAction } from './shortcut-table';

export function ShortcutHelp({ available, onClose }: { available: ReadonlySet<ShortcutAction>; onClose(): void }) {
  const id = useId();
  const close = useRef<HTMLButtonElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    opener.current = document.activeElement;
    close.current?.focus();
    return () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === '?') {
      event.preventDefault();
      onClose();
    }
    // Focus stays on the one button inside, so Tab has nowhere else to go.
    if (event.key === 'Tab') event.preventDefault();
  };

  return (
    <div className="overlay" onMouseDown={(event) => event.target === event.currentTarget && onClose()}>
      <div className="help-dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
        <div className="help-titlebar">
          <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
          <button ref={close} type="button" className="button button-quiet button-small" onClick={onClose} aria-label="Close">
            <Icon name="close" />
          </button>
        </div>
        <table className="help-table">
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((shortcut) => {
              const on = available.has(shortcut.action);
              return (
                <tr key={shortcut.action} className={on ? undefined : 'help-unavailable'}>
                  <td>
                    {shortcut.keys.map((key, index) => (
                      <span key={key}>
                        {index > 0 ? <span className="help-or"> or </span> : null}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>
                    {shortcut.description}
                    {on ? null : <span className="help-note"> (not available here yet)</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
