import { describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { IPC_CALL_PREFIX } from '../../shared/contract';
import { bindIpc, REFUSED_SENDER } from './ipc-binding';
import { memoryLogger, spyHandlers } from './testing/fakes';
import { createTrustedSenderCheck } from './trusted-sender';

type Invoke = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function setUp() {
  const registered = new Map<string, Invoke>();
  const ipcMain = {
    handle: (channel: string, listener: Invoke) => registered.set(channel, listener),
    removeHandler: (channel: string) => registered.delete(channel),
  };
  const ourContents = { id: 1 };
  const handlers = spyHandlers();
  const logger = memoryLogger();
  bindIpc({
    ipcMain: ipcMain as never,
    handlers,
    isTrustedSender: createTrustedSenderCheck((contents) => contents === (ourContents as never)),
    logger,
  });
  const invoke = (event: object, input: unknown = {}) =>
    registered.get(`${IPC_CALL_PREFIX}listAccounts`)!(event as IpcMainInvokeEvent, input);
  return { ourContents, handlers, logger, invoke };
}

const mainFrame = (url: string) => ({ url, parent: null });

describe('IPC sender check', () => {
  it('answers the main frame of our window on app://sealmail', async () => {
    const { ourContents, handlers, invoke } = setUp();
    await expect(invoke({ sender: ourContents, senderFrame: mainFrame('app://sealmail/index.html') })).resolves.toEqual({
      ok: true,
      value: { call: 'listAccounts' },
    });
    expect(handlers.listAccounts).toHaveBeenCalledOnce();
  });

  it.each([
    ['a page of another origin', mainFrame('https://evil.example/')],
    ['a file:// page', mainFrame('file:///home/user/evil.html')],
    ['a look-alike app host', mainFrame('app://sealmail.evil.example/index.html')],
    ['the message frame', { url: 'about:srcdoc', parent: mainFrame('app://sealmail/index.html') }],
    ['an app sub-frame', { url: 'app://sealmail/index.html', parent: mainFrame('app://sealmail/index.html') }],
    ['a destroyed frame', null],
  ])('refuses %s without calling the handler', async (_label, senderFrame) => {
    const { ourContents, handlers, logger, invoke } = setUp();
    await expect(invoke({ sender: ourContents, senderFrame })).resolves.toEqual(REFUSED_SENDER);
    expect(handlers.listAccounts).not.toHaveBeenCalled();
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ call: 'listAccounts' }) }));
  });

  it('refuses an app page in a web contents Sealmail did not create', async () => {
    const { handlers, invoke } = setUp();
    await expect(invoke({ sender: { id: 2 }, senderFrame: mainFrame('app://sealmail/index.html') })).resolves.toEqual(REFUSED_SENDER);
    expect(handlers.listAccounts).not.toHaveBeenCalled();
  });
});
