import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_CALL_PREFIX, IPC_EVENT_CHANNEL, type EventSink } from '../../shared/contract';
import { MemorySecretStore } from '../core/ports';

/** A scripted Electron: records what main.ts does and lets the test decide when 'ready' comes. */
const fake = vi.hoisted(() => {
  const state = {
    log: [] as string[],
    gotLock: true,
    isPackaged: true,
    userData: '',
    ready: null as null | (() => void),
    windows: [] as Array<{
      options: unknown;
      url?: string;
      webContents: { sent: unknown[]; emit(name: string): void };
      focus: () => void;
      emit(name: string): void;
    }>,
    ipcChannels: [] as string[],
    handledSchemes: [] as string[],
    appListeners: new Map<string, Array<(...args: unknown[]) => void>>(),
    menu: null as null | { template: Array<{ label?: string; role?: string; submenu?: unknown[] }> },
    badge: [] as number[],
    notifications: [] as Array<{ options: { title: string; body: string }; emit(name: string): void; shown: boolean }>,
    opened: [] as string[],
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  class BrowserWindow extends Emitter {
    static getAllWindows = () => fake.windows;
    webContents = Object.assign(new Emitter(), {
      sent: [] as unknown[],
      send(channel: string, message: unknown) {
        this.sent.push({ channel, message });
      },
      isDestroyed: () => false,
      isLoading: () => true,
      session,
    });
    constructor(readonly options: unknown) {
      super();
      fake.log.push('new BrowserWindow');
      fake.windows.push(this as never);
    }
    loadURL(url: string) {
      (this as unknown as { url: string }).url = url;
      return Promise.resolve();
    }
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    maximize = vi.fn();
    isMinimized = () => false;
    isMaximized = () => false;
    isFocused = () => false;
    isDestroyed = () => false;
    getNormalBounds = () => ({ x: 0, y: 0, width: 1200, height: 800 });
  }
  class Notification extends Emitter {
    static isSupported = () => true;
    shown = false;
    constructor(readonly options: unknown) {
      super();
      fake.notifications.push(this as never);
    }
    show() {
      this.shown = true;
    }
  }
  const app = {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      fake.log.push(`app.on ${name}`);
      fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener]);
    },
    enableSandbox: () => fake.log.push('enableSandbox'),
    requestSingleInstanceLock: () => fake.gotLock,
    whenReady: () => new Promise<void>((resolve) => (fake.ready = resolve)),
    getPath: () => fake.userData,
    get isPackaged() {
      return fake.isPackaged;
    },
    setBadgeCount: (count: number) => fake.badge.push(count),
    setAppUserModelId: vi.fn(),
    quit: vi.fn(() => fake.log.push('quit')),
    exit: vi.fn(),
  };
  return {
    app,
    BrowserWindow,
    Notification,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: typeof fake.menu) => (fake.menu = menu),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: session },
    ipcMain: { handle: (channel: string) => fake.ipcChannels.push(channel), removeHandler: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: () => fake.log.push('registerSchemesAsPrivileged'),
      handle: (scheme: string) => fake.handledSchemes.push(scheme),
    },
    safeStorage: { isAsyncEncryptionAvailable: async () => false },
    shell: { openExternal: vi.fn(async (url: string) => void fake.opened.push(url)) },
  };
});

const core = vi.hoisted(() => ({
  createCore: vi.fn(),
  close: vi.fn(async () => undefined),
  sinks: new Set<EventSink>(),
  unread: 2,
}));
vi.mock('../core/create-core', () => ({
  createCore: (options: unknown) => {
    core.createCore(options);
    const inbox = () => ({ path: 'INBOX', name: 'Inbox', specialUse: '\\Inbox', unread: core.unread, total: 10 });
    return {
      handlers: {
        listAccounts: async () => [{ id: 'a1' }],
        listFolders: async () => [inbox()],
        listMessages: async () => ({
          messages: [{ uid: 42, subject: 'Lunch?', from: { name: 'Bob', address: 'bob@example.test' }, seen: false }],
          total: 10,
          offset: 0,
        }),
      },
      subscribe: (sink: EventSink) => {
        core.sinks.add(sink);
        return () => core.sinks.delete(sink);
      },
      close: core.close,
    };
  },
}));

async function loadMain(argv: string[] = ['electron', '.']) {
  vi.resetModules();
  const saved = process.argv;
  process.argv = argv;
  try {
    await import('./main');
  } finally {
    process.argv = saved;
  }
}

async function startApp(argv?: string[]) {
  await loadMain(argv);
  fake.ready?.();
  // Start-up reads files (window state) and awaits the keychain: wait for its last step, the
  // unread count, rather than for a guessed time.
  await vi.waitFor(() => expect(fake.badge.length).toBeGreaterThan(0));
  const window = fake.windows[0]!;
  return window;
}

/** The shell's events the window received, in order. */
const shellEventsOf = (window: (typeof fake.windows)[number]) =>
  (window.webContents.sent as Array<{ channel: string; message: { event: string; payload: unknown } }>)
    .filter((entry) => entry.channel === IPC_EVENT_CHANNEL)
    .map((entry) => entry.message);

const fireApp = (name: string, ...args: unknown[]) => {
  for (const listener of fake.appListeners.get(name) ?? []) listener(...args);
};

let profiles: string;
beforeAll(async () => {
  profiles = await mkdtemp(join(tmpdir(), 'sealmail-main-'));
});
afterAll(() => rm(profiles, { recursive: true, force: true }));

describe('main process composition', () => {
  beforeEach(() => {
    fake.log.length = 0;
    fake.windows.length = 0;
    fake.ipcChannels.length = 0;
    fake.handledSchemes.length = 0;
    fake.appListeners.clear();
    fake.badge.length = 0;
    fake.notifications.length = 0;
    fake.menu = null;
    fake.gotLock = true;
    fake.isPackaged = true;
    fake.userData = profiles;
    fake.ready = null;
    core.createCore.mockClear();
    core.close.mockClear();
    core.sinks.clear();
    core.unread = 2;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('registers the app scheme, enables the sandbox and installs guards before ready', async () => {
    await loadMain();
    expect(fake.log).toEqual(expect.arrayContaining(['registerSchemesAsPrivileged', 'enableSandbox', 'app.on web-contents-created']));
    expect(fake.log).not.toContain('new BrowserWindow');
    expect(core.createCore).not.toHaveBeenCalled();
  });

  it('on ready: serves app://, binds every call, opens the hardened window on app://sealmail', async () => {
    const window = await startApp();
    expect(fake.handledSchemes).toEqual(['app']);
    expect(fake.ipcChannels.sort()).toEqual(CALL_NAMES.map((name) => IPC_CALL_PREFIX + name).sort());
    expect(core.createCore).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ profileDir: profiles }));
    // No keychain in this fake: passwords stay in memory (the module registry was reset, so
    // compare by name rather than by class identity).
    const { secrets, keyWrapper } = core.createCore.mock.calls[0]?.[0] as { secrets: object; keyWrapper?: object };
    expect(secrets.constructor.name).toBe(MemorySecretStore.name);
    // Nor a keychain to wrap the keystore's key: the keystore will ask for a passphrase.
    expect(keyWrapper).toBeUndefined();
    // OAuth sign-in opens the system browser through the shell, https: pages only.
    const { oauth } = core.createCore.mock.calls[0]?.[0] as { oauth: { openBrowser(url: string): Promise<void> } };
    await oauth.openBrowser('https://accounts.example.test/authorize?client_id=x');
    expect(fake.opened).toEqual(['https://accounts.example.test/authorize?client_id=x']);
    await expect(oauth.openBrowser('file:///etc/passwd')).rejects.toThrow(/https/);
    const { options, url } = window as unknown as { options: { webPreferences: Record<string, unknown>; width: number }; url: string };
    expect(url).toBe('app://sealmail/index.html');
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(options.webPreferences.preload)).toMatch(/[\\/]preload[\\/]preload\.cjs$/);
    // No saved window state yet: the default size.
    expect(options.width).toBe(1200);
    expect(core.sinks.size).toBeGreaterThan(0);
  });

  it('closes the core before quitting', async () => {
    await startApp();
    const event = { preventDefault: vi.fn() };
    fireApp('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.log.at(-1)).toBe('quit'));
    expect(core.close).toHaveBeenCalledOnce();
  });

  it('a second instance quits at once and leaves the profile to the first', async () => {
    fake.gotLock = false;
    await loadMain();
    expect(fake.log).toContain('quit');
    expect(fake.ready).toBeNull();
  });

  it('a second launch with a mailto: link focuses the window and asks it to compose, safely parsed', async () => {
    const window = await startApp();
    window.webContents.emit('did-finish-load');
    fireApp('second-instance', {}, ['/usr/bin/sealmail', 'mailto:bob@example.test?subject=Hi&attach=/etc/passwd&bcc=spy@evil.example'], '/');
    expect(window.focus).toHaveBeenCalled();
    expect(shellEventsOf(window)).toContainEqual({
      event: 'composeRequested',
      payload: { to: ['bob@example.test'], cc: [], subject: 'Hi', body: '' },
    });
  });

  it('a mailto: link that launched the app reaches the window once it has loaded', async () => {
    const window = await startApp(['/usr/bin/sealmail', 'mailto:carol@example.test']);
    expect(shellEventsOf(window)).toEqual([]);
    window.webContents.emit('did-finish-load');
    expect(shellEventsOf(window)).toEqual([{ event: 'composeRequested', payload: { to: ['carol@example.test'], cc: [], subject: '', body: '' } }]);
  });

  it("macOS's open-url is taken over and composes too", async () => {
    const window = await startApp();
    window.webContents.emit('did-finish-load');
    const event = { preventDefault: vi.fn() };
    fireApp('open-url', event, 'mailto:dave@example.test');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(shellEventsOf(window).at(-1)).toMatchObject({ event: 'composeRequested', payload: { to: ['dave@example.test'] } });
  });

  it('on macOS, a mailto: link arriving with no window open opens one and composes there', async () => {
    const first = await startApp();
    first.emit('closed');
    const event = { preventDefault: vi.fn() };
    fireApp('open-url', event, 'mailto:erin@example.test');
    await vi.waitFor(() => expect(fake.windows).toHaveLength(2));
    const second = fake.windows[1]!;
    second.webContents.emit('did-finish-load');
    expect(shellEventsOf(second)).toEqual([{ event: 'composeRequested', payload: { to: ['erin@example.test'], cc: [], subject: '', body: '' } }]);
  });

  it('sets the application menu, whose commands reach the window; no reload when packaged', async () => {
    const window = await startApp();
    window.webContents.emit('did-finish-load');
    const entries = JSON.stringify(fake.menu?.template);
    expect(entries).toContain('"Message"');
    expect(entries).not.toContain('"reload"');
    const message = fake.menu?.template.find((item) => item.label === 'Message')?.submenu as Array<{ click: () => void }>;
    message[0]?.click();
    expect(shellEventsOf(window).at(-1)).toEqual({ event: 'menuCommand', payload: { command: 'reply' } });
  });

  it('badges the unread count, and a click on a new-mail notification opens that message', async () => {
    const window = await startApp();
    window.webContents.emit('did-finish-load');
    expect(fake.badge.at(-1)).toBe(2);
    core.unread = 3;
    for (const sink of core.sinks) sink('messagesChanged', { accountId: 'a1', folder: 'INBOX' } as never);
    await vi.waitFor(() => expect(fake.notifications).toHaveLength(1));
    expect(fake.badge.at(-1)).toBe(3);
    const [notification] = fake.notifications;
    expect(notification?.shown).toBe(true);
    expect(notification?.options).toMatchObject({ title: 'Bob (bob@example.test)', body: 'Lunch?' });
    notification?.emit('click');
    await vi.waitFor(() => expect(window.focus).toHaveBeenCalled());
    expect(shellEventsOf(window).at(-1)).toEqual({ event: 'openMessageRequested', payload: { accountId: 'a1', folder: 'INBOX', uid: 42 } });
  });
});
