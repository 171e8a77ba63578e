import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, IPC_CALL_PREFIX, IPC_EVENT_CHANNEL } from '../../shared/contract';

// The real 'electron' package would try to download its binary; the preload only needs these two.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

type Api = Record<string, (...args: unknown[]) => unknown>;

const emit = (message: unknown) => {
  for (const listener of electron.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({ sender: 'ipc' }, message);
};

describe('preload', () => {
  let api: Api;
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    electron.listeners.clear();
    await import('./preload');
    api = electron.exposed.get('sealmail') as Api;
  });

  it('exposes exactly one window.sealmail: a plain object of the contract calls and on()', () => {
    expect([...electron.exposed.keys()]).toEqual(['sealmail']);
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer, and a page cannot pick the channel', async () => {
    for (const value of Object.values(api)) {
      expect(value).not.toBe(electron.ipcRenderer.invoke);
      expect(value).not.toBe(electron.ipcRenderer.on);
    }
    await api.listAccounts!(`${IPC_CALL_PREFIX}removeAccount`, 'extra');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(`${IPC_CALL_PREFIX}listAccounts`, `${IPC_CALL_PREFIX}removeAccount`);
  });

  it('sends each call on its own channel and returns the main side’s Result', async () => {
    await expect(api.listFolders!({ accountId: 'a1' })).resolves.toEqual({
      ok: true,
      value: { channel: `${IPC_CALL_PREFIX}listFolders`, input: { accountId: 'a1' } },
    });
  });

  it('delivers pushed events to on() listeners, drops malformed ones, and stops on unsubscribe', () => {
    const seen: unknown[] = [];
    const off = api.on!('syncProgress', (payload: unknown) => seen.push(payload)) as () => void;
    emit({ event: 'syncProgress', payload: { done: 1 } });
    emit({ event: 'messagesChanged', payload: { other: true } });
    emit('garbage');
    emit(null);
    emit({ event: 'notAnEvent', payload: 1 });
    off();
    emit({ event: 'syncProgress', payload: { done: 2 } });
    expect(seen).toEqual([{ done: 1 }]);
  });
});

describe('preload, requests sent before the page listens', () => {
  let api: Api;
  beforeEach(async () => {
    vi.resetModules();
    electron.exposed.clear();
    electron.listeners.clear();
    await import('./preload');
    api = electron.exposed.get('sealmail') as Api;
  });

  it('keeps a compose request from a mailto: launch until the composer subscribes, then delivers it once', () => {
    const request = { to: ['a@example.com'], cc: [], subject: '', body: '' };
    emit({ event: 'composeRequested', payload: request });
    emit({ event: 'syncProgress', payload: { done: 1 } });
    const seen: unknown[] = [];
    const progress: unknown[] = [];
    api.on!('syncProgress', (payload: unknown) => progress.push(payload));
    api.on!('composeRequested', (payload: unknown) => seen.push(payload));
    expect(seen).toEqual([request]);
    // Ordinary events are not replayed: a stale progress report means nothing later.
    expect(progress).toEqual([]);
    api.on!('composeRequested', (payload: unknown) => seen.push(payload));
    expect(seen).toEqual([request]);
  });

  it('delivers directly once someone listens, and keeps again after they leave', () => {
    const seen: unknown[] = [];
    const off = api.on!('openMessageRequested', (payload: unknown) => seen.push(payload)) as () => void;
    emit({ event: 'openMessageRequested', payload: { uid: 1 } });
    off();
    emit({ event: 'openMessageRequested', payload: { uid: 2 } });
    expect(seen).toEqual([{ uid: 1 }]);
    api.on!('openMessageRequested', (payload: unknown) => seen.push(payload));
    expect(seen).toEqual([{ uid: 1 }, { uid: 2 }]);
  });
});
