import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES, IPC_CALL_PREFIX } from '../../shared/contract';
import { SealmailError } from '../../shared/errors';
import { bindIpc } from './ipc-binding';
import { memoryLogger, spyHandlers } from './testing/fakes';

type Invoke = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function setUp() {
  const registered = new Map<string, Invoke>();
  const ipcMain = {
    handle: (channel: string, listener: Invoke) => {
      if (registered.has(channel)) throw new Error(`second handler for ${channel}`);
      registered.set(channel, listener);
    },
    removeHandler: (channel: string) => registered.delete(channel),
  };
  const handlers = spyHandlers();
  const logger = memoryLogger();
  const unbind = bindIpc({ ipcMain: ipcMain as never, handlers, isTrustedSender: () => true, logger });
  const call = (name: string, input: unknown) => registered.get(IPC_CALL_PREFIX + name)!({} as IpcMainInvokeEvent, input);
  return { registered, handlers, logger, unbind, call };
}

describe('IPC dispatch', () => {
  it('registers one channel per call of the contract and removes them all on unbind', () => {
    const { registered, unbind } = setUp();
    expect([...registered.keys()].sort()).toEqual(CALL_NAMES.map((name) => IPC_CALL_PREFIX + name).sort());
    unbind();
    expect(registered.size).toBe(0);
  });

  it('returns the handler value as ok, with validated input', async () => {
    const { handlers, call } = setUp();
    handlers.listMessages.mockResolvedValueOnce({ messages: [], total: 0 } as never);
    await expect(call('listMessages', { accountId: 'a1', folder: 'INBOX' })).resolves.toEqual({
      ok: true,
      value: { messages: [], total: 0 },
    });
    // Defaults are applied by the validator before the handler sees the input.
    expect(handlers.listMessages).toHaveBeenCalledExactlyOnceWith({ accountId: 'a1', folder: 'INBOX', offset: 0, limit: 100 });
  });

  it.each([
    ['listFolders', { accountId: 42 }],
    ['listFolders', 'a1'],
    ['openMessage', { accountId: 'a1', folder: 'INBOX', uid: -1 }],
    ['sendMessage', { accountId: 'a1', to: ['not an address'] }],
    ['listAccounts', { extra: true }],
  ])('refuses invalid input to %s with INVALID_INPUT, handler untouched', async (name, input) => {
    const { handlers, call } = setUp();
    const result = (await call(name, input)) as { ok: boolean; error: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(handlers[name as keyof typeof handlers]).not.toHaveBeenCalled();
  });

  it('passes a SealmailError through as its code and message', async () => {
    const { handlers, call } = setUp();
    handlers.listFolders.mockRejectedValueOnce(new SealmailError('AUTH_FAILED'));
    await expect(call('listFolders', { accountId: 'a1' })).resolves.toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  });

  it('turns an unexpected error into INTERNAL without leaking its text, and logs it here', async () => {
    const { handlers, logger, call } = setUp();
    handlers.listFolders.mockRejectedValueOnce(new Error('EACCES /home/alice/.config/Sealmail/secret-password-hunter2'));
    const result = await call('listFolders', { accountId: 'a1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(JSON.stringify(result)).not.toContain('/home/alice');
    expect(JSON.stringify(logger.entries)).toContain('hunter2');
  });
});
