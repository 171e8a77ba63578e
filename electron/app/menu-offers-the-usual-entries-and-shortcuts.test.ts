import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from './application-menu';

function menu(platform: NodeJS.Platform, isDevelopment = false) {
  const sendCommand = vi.fn();
  const template = buildMenuTemplate({ platform, isDevelopment, sendCommand });
  const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? all(item.submenu) : [])]);
  const byLabel = (label: string) => all(template).find((item) => item.label === label);
  return { template, sendCommand, items: all(template), byLabel };
}

describe('application menu', () => {
  it.each([
    ['New Message', 'CmdOrCtrl+N', 'newMessage'],
    ['Reply', 'CmdOrCtrl+R', 'reply'],
    ['Reply All', 'CmdOrCtrl+Shift+R', 'replyAll'],
    ['Forward', 'CmdOrCtrl+Shift+F', 'forward'],
  ])('%s has %s and sends %s to the window', (label, accelerator, command) => {
    const { byLabel, sendCommand } = menu('linux');
    const item = byLabel(label);
    expect(item?.accelerator).toBe(accelerator);
    (item?.click as () => void)();
    expect(sendCommand).toHaveBeenCalledExactlyOnceWith(command);
  });

  it('has File, Edit, View, Message and Window menus, Edit and zoom from Electron roles', () => {
    const { template, items } = menu('win32');
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'editMenu', 'View', 'Message', 'windowMenu']);
    const roles = items.map((item) => item.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['close', 'quit', 'editMenu', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('on macOS starts with the app menu, where Quit lives', () => {
    const { template, items } = menu('darwin');
    expect(template[0]?.role).toBe('appMenu');
    expect(items.map((item) => item.role)).not.toContain('quit');
    expect(items.map((item) => item.role)).toContain('close');
  });

  it('offers reload and developer tools only in development, and never on Ctrl+R', () => {
    const packaged = menu('linux').items.map((item) => item.role);
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('forceReload');
    expect(packaged).not.toContain('toggleDevTools');
    const development = menu('linux', true).items;
    const reload = development.find((item) => item.role === 'reload');
    expect(reload?.accelerator).toBe('F5');
    expect(development.map((item) => item.role)).toContain('toggleDevTools');
  });

  it('uses no shortcut twice', () => {
    const accelerators = menu('linux', true).items.map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
