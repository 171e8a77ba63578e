/**
 * Stand-ins for the Electron objects the app modules receive as parameters, so their tests run
 * under plain Node without the Electron binary.
 */
import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';
import type { HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { CALL_NAMES, type CallHandlers, type CallName } from '../../../shared/contract';

/** An Electron-style event: records preventDefault. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export interface FakeSession {
  setPermissionRequestHandler: ReturnType<typeof vi.fn>;
  setPermissionCheckHandler: ReturnType<typeof vi.fn>;
  setDevicePermissionHandler: ReturnType<typeof vi.fn>;
}

export function fakeSession(): FakeSession {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
}

/** A web contents that records its listeners and window-open handler. */
export class FakeWebContents extends EventEmitter {
  readonly session = fakeSession();
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  readonly sent: Array<{ channel: string; message: unknown }> = [];
  destroyed = false;

  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Emits an Electron event and reports whether a listener prevented it. */
  fire(name: string, url: string): boolean {
    const event = new FakeEvent(url);
    this.emit(name, event, url);
    return event.defaultPrevented;
  }

  /** Asks the window-open handler, the way a page's window.open or target=_blank link would. */
  openWindow(url: string): WindowOpenHandlerResponse {
    if (!this.windowOpenHandler) throw new Error('no window open handler installed');
    return this.windowOpenHandler({ url } as HandlerDetails);
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export type SpyHandlers = { [K in CallName]: Mock<CallHandlers[K]> };

/** Handlers for every call, each a spy that resolves with `{ call: name }`. */
export function spyHandlers(): SpyHandlers {
  const handlers: Record<string, Mock> = {};
  for (const name of CALL_NAMES) handlers[name] = vi.fn(async () => ({ call: name }));
  return handlers as unknown as SpyHandlers;
}

/** A logger whose entries a test can read. */
export function memoryLogger() {
  const entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => entries.push({ level, message, fields });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}
