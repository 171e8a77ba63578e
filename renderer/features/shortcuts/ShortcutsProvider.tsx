/**
 * Keyboard shortcuts for the whole window. Features register what an action does while they can do
 * it (`useShortcut('reply', …)`); the provider listens once, skips keys that belong to whatever has
 * focus, and shows the help overlay on `?`, listing which actions are available right now.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ShortcutHelp } from './ShortcutHelp';
import { actionFor, belongsToFocus, type ShortcutAction } from './shortcut-table';

type Handler = () => void;

interface ShortcutsContextValue {
  register(action: ShortcutAction, handler: Handler): () => void;
  showHelp(): void;
}

const ShortcutsContext = createContext<ShortcutsContextValue | null>(null);

/** The id of the search box (issue 7's search feature); `/` focuses it, else any search landmark's input. */
export const SEARCH_INPUT_ID = 'message-search';

function searchBox(): HTMLElement | null {
  return document.getElementById(SEARCH_INPUT_ID) ?? document.querySelector<HTMLElement>('[role="search"] input, input[type="search"], [role="searchbox"]');
}

function focusSearch(): boolean {
  const target = searchBox();
  if (!target) return false;
  target.focus();
  return true;
}

/** j/k act as the arrow keys of the message list, whichever list implementation handles those. */
function moveInList(key: 'ArrowDown' | 'ArrowUp'): boolean {
  // The flat list is a listbox; grouped by conversation it is a tree (ConversationList).
  const list = document.querySelector<HTMLElement>('[role="listbox"][aria-label="Messages"], [role="tree"][aria-label="Messages"]');
  if (!list) return false;
  list.focus();
  list.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  return true;
}

const FALLBACKS: Partial<Record<ShortcutAction, () => boolean>> = {
  next: () => moveInList('ArrowDown'),
  previous: () => moveInList('ArrowUp'),
  search: focusSearch,
};

export function ShortcutsProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<ShortcutAction, Handler[]>());
  const [helpOpen, setHelpOpen] = useState(false);
  const [version, setVersion] = useState(0);

  const register = useCallback((action: ShortcutAction, handler: Handler) => {
    const list = handlers.current.get(action) ?? [];
    handlers.current.set(action, [...list, handler]);
    setVersion((n) => n + 1);
    return () => {
      handlers.current.set(action, (handlers.current.get(action) ?? []).filter((h) => h !== handler));
      setVersion((n) => n + 1);
    };
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const action = actionFor(event);
      if (!action || belongsToFocus(event.target, action, event.key)) return;
      if (action === 'help') {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      // The newest registration wins: the pane the user is in registers last.
      const handler = handlers.current.get(action)?.at(-1);
      if (handler) {
        event.preventDefault();
        handler();
        return;
      }
      // Arrows with nothing registered keep their native scrolling; only j and k reach into the list.
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') return;
      const fallback = FALLBACKS[action];
      if (fallback?.()) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const value = useMemo(() => ({ register, showHelp: () => setHelpOpen(true) }), [register]);
  // Worked out when the overlay opens, so it reflects what the window can do at that moment.
  const available = useMemo(() => {
    void version;
    if (!helpOpen) return new Set<ShortcutAction>();
    const set = new Set<ShortcutAction>(['help', 'send', 'saveDraft', 'next', 'previous', 'conversation']);
    for (const [action, list] of handlers.current) if (list.length > 0) set.add(action);
    if (searchBox()) set.add('search');
    return set;
  }, [version, helpOpen]);

  return (
    <ShortcutsContext.Provider value={value}>
      {children}
      {helpOpen ? <ShortcutHelp available={available} onClose={() => setHelpOpen(false)} /> : null}
    </ShortcutsContext.Provider>
  );
}

/** Makes `action` do `handler` while this component is mounted and `enabled` holds. */
export function useShortcut(action: ShortcutAction, handler: Handler, enabled = true): void {
  const context = useContext(ShortcutsContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!context || !enabled) return;
    return context.register(action, () => latest.current());
  }, [context, action, enabled]);
}

/** Opens the shortcut overlay, for a button that does what `?` does. */
export function useShowShortcutHelp(): () => void {
  const context = useContext(ShortcutsContext);
  return context?.showHelp ?? (() => undefined);
}
