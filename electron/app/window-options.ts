/**
 * Options of the main window: every renderer hardening switch Electron has, set explicitly, so a
 * change of Electron's defaults can never loosen them silently.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE, type WindowState } from './window-state';

/** Matches the renderer's background, so the window does not flash white before first paint. */
export const WINDOW_BACKGROUND = '#1e1f22';

/**
 * Builds the options for Sealmail's main window.
 *
 * @param preloadPath absolute path of the bundled (single-file, CommonJS) preload script
 * @param bounds where the window was last time (see window-state.ts), already fitted to a display
 */
export function createMainWindowOptions(
  preloadPath: string,
  bounds: WindowState['bounds'] = DEFAULT_SIZE,
): BrowserWindowConstructorOptions {
  return {
    title: 'Sealmail',
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on 'ready-to-show', so the user never sees a half-painted window.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A dropped file would otherwise navigate the window to file://.
      navigateOnDragDrop: false,
      // A page cannot trap the user in an endless series of alert() dialogs.
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
