/**
 * The renderer's side of the loopback bridge: a SealmailApi over a WebSocket to the dev server,
 * used when the page runs in a plain browser instead of inside Electron.
 */
import { createApi } from '../../shared/api-client';
import { BRIDGE_PATH, TOKEN_PARAM, type BridgeMessage } from '../../shared/bridge-protocol';
import type { EventName, SealmailApi } from '../../shared/contract';
import type { Result } from '../../shared/result';

export function connectBridge(location: Location): SealmailApi {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${scheme}//${location.host}${BRIDGE_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;

  const pending = new Map<number, (result: Result<unknown>) => void>();
  const eventListeners = new Set<(event: EventName, payload: unknown) => void>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  const lostConnection = (): Result<never> => ({
    ok: false,
    error: { code: 'HOST_UNREACHABLE', message: 'Lost the connection to the Sealmail core. Reload the page.' },
  });

  const open = (): Promise<WebSocket> => {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('error', () => reject(new Error('bridge connection failed')));
      ws.addEventListener('close', () => {
        socket = null;
        for (const settle of pending.values()) settle(lostConnection());
        pending.clear();
      });
      ws.addEventListener('message', (message) => {
        const frame = JSON.parse(String(message.data)) as BridgeMessage;
        if (frame.kind === 'result') {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else {
          for (const listener of eventListeners) listener(frame.event, frame.payload);
        }
      });
    });
    return socket;
  };

  return createApi({
    async invoke(name, input) {
      let ws: WebSocket;
      try {
        ws = await open();
      } catch {
        return lostConnection();
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, call: name, input }));
      });
    },
    subscribe(listener) {
      eventListeners.add(listener);
      void open().catch(() => undefined);
      return () => eventListeners.delete(listener);
    },
  });
}
