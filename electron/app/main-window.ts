/**
 * Creates the main window: hardened options, shown once painted, loading the app's entry page
 * from the app:// origin (never file://).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../core/ports';
import { APP_ENTRY_URL } from './app-origin';
import { createMainWindowOptions } from './window-options';
import type { WindowState } from './window-state';

export interface MainWindowOptions {
  /** Electron's BrowserWindow; a parameter so tests can pass a fake. */
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  /** Absolute path of the bundled preload. */
  preloadPath: string;
  logger: Logger;
  /** Size and place from last time; the default size when absent. */
  state?: WindowState;
}

/** Opens the main window and starts loading the app into it. */
export function createMainWindow({ BrowserWindow: WindowClass, preloadPath, logger, state }: MainWindowOptions): BrowserWindow {
  const window = new WindowClass(createMainWindowOptions(preloadPath, state?.bounds));
  window.once('ready-to-show', () => {
    if (state?.maximized) window.maximize();
    window.show();
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    logger.error('The main window could not load the app', { error: String(error) });
  });
  return window;
}

/** Brings an existing window to the front, e.g. when the user launches Sealmail a second time. */
export function focusWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
