/**
 * Events the desktop shell itself sends to the window (a menu command, a mailto: link, a clicked
 * notification), on the same channel as the core's events. What arrives before the page has
 * loaded is held and sent once it has: a mailto: link that launched Sealmail comes that early.
 */
import { IPC_EVENT_CHANNEL, type EventName, type EventPayloads } from '../../shared/contract';
import type { IpcEventMessage } from './ipc-binding';

/** The part of a WebContents the sender uses. */
export interface ShellEventTarget {
  send(channel: string, message: IpcEventMessage): void;
  isDestroyed(): boolean;
  isLoading(): boolean;
  once(event: 'did-finish-load' | 'destroyed', listener: () => void): unknown;
}

/** More than this many held events means something is wrong; the oldest are dropped. */
const MAX_HELD = 20;

export class ShellEvents {
  private target: ShellEventTarget | null = null;
  private ready = false;
  private held: IpcEventMessage[] = [];

  /** Sends from now on to `target` (the main window's web contents), once it has loaded. */
  attach(target: ShellEventTarget): void {
    this.target = target;
    this.ready = !target.isLoading();
    target.once('did-finish-load', () => {
      if (this.target !== target) return;
      this.ready = true;
      this.flush();
    });
    target.once('destroyed', () => {
      if (this.target !== target) return;
      this.target = null;
      this.ready = false;
    });
    if (this.ready) this.flush();
  }

  /** Sends an event to the window, or holds it until there is a loaded window to take it. */
  send<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.held.push({ event, payload });
    if (this.held.length > MAX_HELD) this.held.shift();
    this.flush();
  }

  private flush(): void {
    const target = this.target;
    if (!target || !this.ready || target.isDestroyed()) return;
    const messages = this.held;
    this.held = [];
    for (const message of messages) target.send(IPC_EVENT_CHANNEL, message);
  }
}
