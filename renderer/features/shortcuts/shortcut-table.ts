/** Every keyboard shortcut: its keys as shown in the help overlay, and how a key press maps to it. */

export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'open'
  | 'conversation'
  | 'reply'
  | 'replyAll'
  | 'forward'
  | 'compose'
  | 'send'
  | 'saveDraft'
  | 'search'
  | 'delete'
  | 'archive'
  | 'help';

export interface ShortcutInfo {
  action: ShortcutAction;
  keys: string[];
  description: string;
}

export const SHORTCUTS: readonly ShortcutInfo[] = [
  { action: 'next', keys: ['J', '↓'], description: 'Next message' },
  { action: 'previous', keys: ['K', '↑'], description: 'Previous message' },
  { action: 'open', keys: ['Enter'], description: 'Open the message (move to the reading pane)' },
  { action: 'conversation', keys: ['→', '←'], description: 'Open or close a conversation (when grouped by conversation)' },
  { action: 'reply', keys: ['R'], description: 'Reply' },
  { action: 'replyAll', keys: ['A'], description: 'Reply to all' },
  { action: 'forward', keys: ['F'], description: 'Forward' },
  { action: 'compose', keys: ['C', 'Ctrl+N'], description: 'New message' },
  { action: 'send', keys: ['Ctrl+Enter'], description: 'Send (in the composer)' },
  { action: 'saveDraft', keys: ['Ctrl+S'], description: 'Save the draft (in the composer)' },
  { action: 'search', keys: ['/'], description: 'Search' },
  { action: 'delete', keys: ['Delete'], description: 'Delete the message' },
  { action: 'archive', keys: ['E'], description: 'Archive the message' },
  { action: 'help', keys: ['?'], description: 'Show these shortcuts' },
];

/** ARIA `aria-keyshortcuts` values, for the buttons that do the same thing. */
export const ARIA_KEYS: Partial<Record<ShortcutAction, string>> = {
  reply: 'r',
  replyAll: 'a',
  forward: 'f',
  compose: 'c Control+n',
  send: 'Control+Enter',
  saveDraft: 'Control+S',
  delete: 'Delete',
  archive: 'e',
};

/** The action a key press asks for, or null. Ctrl+Enter and Ctrl+S belong to the composer, which handles them. */
export function actionFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): ShortcutAction | null {
  if (event.altKey) return null;
  const key = event.key;
  if (event.ctrlKey || event.metaKey) return key === 'n' || key === 'N' ? 'compose' : null;
  switch (key) {
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Enter':
      return 'open';
    case 'r':
      return 'reply';
    case 'a':
      return 'replyAll';
    case 'f':
      return 'forward';
    case 'c':
    case 'C':
      return 'compose';
    case '/':
      return 'search';
    case 'Delete':
      return 'delete';
    case 'e':
      return 'archive';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Whether a key press belongs to whatever has focus: typing, a list, a dialog. */
export function belongsToFocus(target: EventTarget | null, action: ShortcutAction, key = ''): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // The composer and the help overlay handle their own keys.
  if (target.closest('[role="dialog"]')) return true;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  // Enter on a button or link presses it; arrows in a list or a splitter move there.
  if (action === 'open' && target.closest('button, a, [role="button"], [role="option"], [role="separator"]')) return true;
  // Arrows belong to a focused list; j and k are ours even there, and act as its arrows.
  const arrow = key === 'ArrowDown' || key === 'ArrowUp';
  if (arrow && target.closest('[role="listbox"], [role="separator"], [role="menu"]')) return true;
  return false;
}
