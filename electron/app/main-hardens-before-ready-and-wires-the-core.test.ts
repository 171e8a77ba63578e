import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_CALL_PREFIX } from '../../shared/contract';
import { MemorySecretStore } from '../core/ports';

/** A scripted Electron: records what main.ts does and lets the test decide when 'ready' comes. */
const fake = vi.hoisted(() => {
  const state = {
    log: [] as string[],
    gotLock: true,
    ready: null as null | (() => void),
    windows: [] as Array<{ options: unknown; url?: string; webContents: unknown }>,
    ipcChannels: [] as string[],
    handledSchemes: [] as string[],
    appListeners: new Map<string, Array<(...args: unknown[]) => void>>(),
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
    webContents = Object.assign(new Emitter(), { send: vi.fn(), isDestroyed: () => false, session });
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
  }
  const app = {
    on: (name: string, listener: (...args: unknown[]) => void) => {
      fake.log.push(`app.on ${name}`);
      fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener]);
    },
    enableSandbox: () => fake.log.push('enableSandbox'),
    requestSingleInstanceLock: () => fake.gotLock,
    whenReady: () => new Promise<void>((resolve) => (fake.ready = resolve)),
    getPath: (name: string) => `/profiles/${name}`,
    quit: vi.fn(() => fake.log.push('quit')),
    exit: vi.fn(),
  };
  return {
    app,
    BrowserWindow,
    session: { defaultSession: session },
    ipcMain: { handle: (channel: string) => fake.ipcChannels.push(channel), removeHandler: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: () => fake.log.push('registerSchemesAsPrivileged'),
      handle: (scheme: string) => fake.handledSchemes.push(scheme),
    },
    safeStorage: { isAsyncEncryptionAvailable: async () => false },
    shell: { openExternal: vi.fn() },
  };
});

const core = vi.hoisted(() => ({
  createCore: vi.fn(),
  close: vi.fn(async () => undefined),
  subscribe: vi.fn(() => () => undefined),
}));
vi.mock('../core/create-core', () => ({
  createCore: (options: unknown) => {
    core.createCore(options);
    return { handlers: {}, subscribe: core.subscribe, close: core.close };
  },
}));

async function loadMain() {
  vi.resetModules();
  await import('./main');
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('main process composition', () => {
  beforeEach(() => {
    fake.log.length = 0;
    fake.windows.length = 0;
    fake.ipcChannels.length = 0;
    fake.handledSchemes.length = 0;
    fake.appListeners.clear();
    fake.gotLock = true;
    fake.ready = null;
    core.createCore.mockClear();
    core.close.mockClear();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('registers the app scheme, enables the sandbox and installs guards before ready', async () => {
    await loadMain();
    expect(fake.log).toEqual(expect.arrayContaining(['registerSchemesAsPrivileged', 'enableSandbox', 'app.on web-contents-created']));
    expect(fake.log).not.toContain('new BrowserWindow');
    expect(core.createCore).not.toHaveBeenCalled();
  });

  it('on ready: serves app://, binds every call, opens the hardened window on app://sealmail', async () => {
    await loadMain();
    fake.ready?.();
    await flush();
    expect(fake.handledSchemes).toEqual(['app']);
    expect(fake.ipcChannels.sort()).toEqual(CALL_NAMES.map((name) => IPC_CALL_PREFIX + name).sort());
    expect(core.createCore).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ profileDir: '/profiles/userData' }));
    // No keychain in this fake: passwords stay in memory (the module registry was reset, so
    // compare by name rather than by class identity).
    const { secrets } = core.createCore.mock.calls[0]?.[0] as { secrets: object };
    expect(secrets.constructor.name).toBe(MemorySecretStore.name);
    const [window] = fake.windows as Array<{ options: { webPreferences: Record<string, unknown> }; url: string }>;
    expect(window?.url).toBe('app://sealmail/index.html');
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String(window?.options.webPreferences.preload)).toMatch(/[\\/]preload[\\/]preload\.cjs$/);
    expect(core.subscribe).toHaveBeenCalled();
  });

  it('closes the core before quitting', async () => {
    await loadMain();
    fake.ready?.();
    await flush();
    const event = { preventDefault: vi.fn() };
    for (const listener of fake.appListeners.get('will-quit') ?? []) listener(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await flush();
    expect(core.close).toHaveBeenCalledOnce();
    expect(fake.log.at(-1)).toBe('quit');
  });

  it('a second instance quits at once and leaves the profile to the first', async () => {
    fake.gotLock = false;
    await loadMain();
    expect(fake.log).toContain('quit');
    expect(fake.ready).toBeNull();
  });
});
