/**
 * The Electron composition root: wires the core to windows, IPC and the OS. Everything with
 * logic lives in the modules it imports; this file only decides the order.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell, type WebContents } from 'electron';
import type { ComposeRequest } from '../../shared/mailto';
import { createCore } from '../core/create-core';
import { MemorySecretStore, type SecretStore } from '../core/ports';
import { buildMenuTemplate } from './application-menu';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { consoleLogger as logger } from './console-logger';
import { openExternalSafely, openSignInPage } from './external-links';
import { bindIpc, forwardEvents } from './ipc-binding';
import { MailWatcher } from './mail-watcher';
import { findMailtoArgument, requestComposeFromLink } from './mailto-launch';
import { createMainWindow, focusWindow } from './main-window';
import { installNavigationGuards } from './navigation-guards';
import { createNewMailNotifier } from './new-mail-notification';
import { denyAllPermissions } from './permission-guards';
import { openSafeStorageKeyWrapper } from './safe-storage-key-wrapper';
import { openSafeStorageSecretStore, SECRETS_FILE_NAME } from './safe-storage-secrets';
import { ShellEvents } from './shell-events';
import { createTrustedSenderCheck } from './trusted-sender';
import { loadWindowState, saveWindowState, trackWindowState, WINDOW_STATE_FILE_NAME } from './window-state';

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
/** Opens the main window when there is none (macOS keeps running without one); set once ready. */
let ensureWindow: (() => void) | null = null;
/** Menu commands, mailto: links and notification clicks on their way to the window. */
const shellEvents = new ShellEvents();
const compose = (request: ComposeRequest) => shellEvents.send('composeRequested', request);
const composeFromLink = (link: string | null) => {
  if (link !== null && !requestComposeFromLink(link, compose)) logger.warn('Ignored a mailto: link that could not be read');
};

if (!app.requestSingleInstanceLock()) {
  // Another Sealmail owns this profile. It receives this launch's command line (a mailto: link,
  // say) through its 'second-instance' event, and focuses its window.
  app.quit();
} else {
  installNavigationGuards(app, (url) => openExternalSafely(url, shell));
  app.on('second-instance', (_event, argv) => {
    if (mainWindow) focusWindow(mainWindow);
    composeFromLink(findMailtoArgument(argv));
  });
  // macOS hands links over as 'open-url', possibly before 'ready': listen from the start.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    if (mainWindow) focusWindow(mainWindow);
    else ensureWindow?.();
    composeFromLink(url);
  });
  // Linux and Windows start Sealmail with the link on its command line.
  composeFromLink(findMailtoArgument(process.argv));
  app.whenReady().then(start).catch((error: unknown) => {
    logger.error('Sealmail could not start', { error: error instanceof Error ? error.stack : String(error) });
    app.exit(1);
  });
}

async function start(): Promise<void> {
  serveAppProtocol(protocol, RENDERER_DIR);
  denyAllPermissions(session.defaultSession);
  // Windows shows notifications only for an app with an AppUserModelID (the appId of build/).
  if (process.platform === 'win32') app.setAppUserModelId('org.sealmail.app');
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isDevelopment: !app.isPackaged,
        sendCommand: (command) => shellEvents.send('menuCommand', { command }),
      }),
    ),
  );

  const profileDir = app.getPath('userData');
  const windowStatePath = join(profileDir, WINDOW_STATE_FILE_NAME);
  const core = createCore({
    profileDir,
    secrets: await openSecrets(join(profileDir, SECRETS_FILE_NAME)),
    // The keystore's data key is wrapped by the OS keychain where there is a real one; otherwise
    // the keystore asks for a passphrase.
    keyWrapper: (await openSafeStorageKeyWrapper(safeStorage)) ?? undefined,
    // OAuth 2.0 sign-in happens in the system browser; client IDs come from oauth.json in the profile.
    oauth: { openBrowser: (url) => openSignInPage(url, shell) },
    logger,
  });
  const unbind = bindIpc({
    ipcMain,
    handlers: core.handlers,
    isTrustedSender: createTrustedSenderCheck((contents) => ownContents.has(contents)),
    logger,
  });

  const openWindow = async (): Promise<BrowserWindow> => {
    const state = await loadWindowState(windowStatePath, screen.getAllDisplays().map((display) => display.workArea));
    const window = createMainWindow({ BrowserWindow, preloadPath: PRELOAD_PATH, logger, state });
    ownContents.add(window.webContents);
    forwardEvents((sink) => core.subscribe(sink), window.webContents);
    shellEvents.attach(window.webContents);
    trackWindowState(window, (next) => saveWindowState(windowStatePath, next));
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    return window;
  };
  await openWindow();
  ensureWindow = () => {
    if (!mainWindow) void openWindow();
  };

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });

  // The dock or launcher badge counts unread mail in the inboxes; notifications announce new mail
  // while the window is not in front, and a click opens the message.
  const notify = createNewMailNotifier({
    Notification,
    platform: process.platform,
    onClick: (mail) => {
      void (mainWindow ? Promise.resolve(mainWindow) : openWindow()).then((window) => {
        focusWindow(window);
        shellEvents.send('openMessageRequested', { accountId: mail.accountId, folder: mail.folder, uid: mail.uid });
      });
    },
  });
  const watcher = new MailWatcher({
    handlers: core.handlers,
    subscribe: (sink) => core.subscribe(sink),
    // Supported on macOS and Unity-style Linux launchers; elsewhere it returns false, harmlessly.
    onUnreadCount: (total) => app.setBadgeCount(total),
    onNewMail: (mail) => {
      if (!mainWindow?.isFocused()) notify(mail);
    },
    logger,
  });
  void watcher.start();
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    // Hold the quit until the core has closed its connections and database.
    closing = true;
    event.preventDefault();
    watcher.stop();
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
