/**
 * The Electron composition root: wires the core to windows, IPC and the OS. Everything with
 * logic lives in the modules it imports; this file only decides the order.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell, type WebContents } from 'electron';
import { createCore } from '../core/create-core';
import { MemorySecretStore, type SecretStore } from '../core/ports';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { consoleLogger as logger } from './console-logger';
import { openExternalSafely } from './external-links';
import { bindIpc, forwardEvents } from './ipc-binding';
import { createMainWindow, focusWindow } from './main-window';
import { installNavigationGuards } from './navigation-guards';
import { denyAllPermissions } from './permission-guards';
import { openSafeStorageSecretStore, SECRETS_FILE_NAME } from './safe-storage-secrets';
import { createTrustedSenderCheck } from './trusted-sender';

// Bundled layout: out/electron/app/main.js, out/electron/preload/preload.cjs, out/renderer/.
const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(here, '..', 'preload', 'preload.cjs');
const RENDERER_DIR = join(here, '..', '..', 'renderer');

// Both must happen before 'ready'. No top-level await above them: in an ESM main, 'ready' waits
// only for this module's synchronous evaluation.
registerAppScheme(protocol);
app.enableSandbox();

const ownContents = new WeakSet<WebContents>();
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another Sealmail owns this profile; it gets focused through 'second-instance' instead.
  app.quit();
} else {
  installNavigationGuards(app, (url) => openExternalSafely(url, shell));
  app.on('second-instance', () => {
    if (mainWindow) focusWindow(mainWindow);
  });
  app.whenReady().then(start).catch((error: unknown) => {
    logger.error('Sealmail could not start', { error: error instanceof Error ? error.stack : String(error) });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  serveAppProtocol(protocol, RENDERER_DIR);
  denyAllPermissions(session.defaultSession);

  const profileDir = app.getPath('userData');
  const core = createCore({ profileDir, secrets: await openSecrets(join(profileDir, SECRETS_FILE_NAME)), logger });
  const unbind = bindIpc({
    ipcMain,
    handlers: core.handlers,
    isTrustedSender: createTrustedSenderCheck((contents) => ownContents.has(contents)),
    logger,
  });

  const openWindow = () => {
    const window = createMainWindow({ BrowserWindow, preloadPath: PRELOAD_PATH, logger });
    ownContents.add(window.webContents);
    forwardEvents((sink) => core.subscribe(sink), window.webContents);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };
  openWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    // Hold the quit until the core has closed its connections and database.
    closing = true;
    event.preventDefault();
    unbind();
    core
      .close()
      .catch((error: unknown) => logger.error('The core did not close cleanly', { error: String(error) }))
      .finally(() => app.quit());
  });
}

/** The OS keychain when there is one; otherwise memory, and passwords are asked again next run. */
async function openSecrets(filePath: string): Promise<SecretStore> {
  try {
    return await openSafeStorageSecretStore(safeStorage, filePath);
  } catch (error) {
    logger.warn('Passwords will be kept in memory only', { reason: error instanceof Error ? error.message : String(error) });
    return new MemorySecretStore();
  }
}
