/**
 * The application menu: the entries users of any mail program expect, with their usual
 * shortcuts. Mail commands go to the window as `menuCommand` events; editing, zoom and window
 * entries use Electron's roles, so they behave as the OS does. Reload and the developer tools
 * exist only in development: in a packaged app they would let anyone at the keyboard poke at a
 * window that holds decrypted mail.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommandName } from '../../shared/desktop-events';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** True when running unpackaged (`npm start`). */
  isDevelopment: boolean;
  /** Sends a command to the focused main window. */
  sendCommand: (command: MenuCommandName) => void;
}

// Reload moves off Ctrl+R, which is Reply here, as in most mail programs.
const developmentEntries: MenuItemConstructorOptions[] = [
  { role: 'reload', accelerator: 'F5' },
  { role: 'toggleDevTools' },
  { type: 'separator' },
];

/** The menu template; main.ts turns it into a Menu. */
export function buildMenuTemplate({ platform, isDevelopment, sendCommand }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (label: string, accelerator: string, name: MenuCommandName): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendCommand(name),
  });

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) template.push({ role: 'appMenu' });
  template.push({
    label: 'File',
    submenu: [
      command('New Message', 'CmdOrCtrl+N', 'newMessage'),
      { type: 'separator' },
      { role: 'close' },
      // On macOS, Quit lives in the app menu.
      ...(isMac ? [] : [{ role: 'quit' } as const]),
    ],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: 'View',
    submenu: [
      ...(isDevelopment ? developmentEntries : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    label: 'Message',
    submenu: [
      command('Reply', 'CmdOrCtrl+R', 'reply'),
      command('Reply All', 'CmdOrCtrl+Shift+R', 'replyAll'),
      command('Forward', 'CmdOrCtrl+Shift+F', 'forward'),
    ],
  });
  template.push({ role: 'windowMenu' });
  return template;
}
