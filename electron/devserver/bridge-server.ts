/**
 * The loopback bridge: serves the real renderer to a plain browser and carries the contract over a
 * WebSocket, so tests and development drive the real core without Electron.
 *
 * It listens on 127.0.0.1 only. Every request needs the per-run token: the first page load brings it
 * in the URL and receives it back as an HttpOnly cookie for the page's own assets; the WebSocket
 * brings it again. The Host and Origin headers must name this server, which defeats DNS rebinding
 * and other sites' pages.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, TOKEN_PARAM, isBridgeRequest, type BridgeMessage } from '../../shared/bridge-protocol';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { dispatchCall } from '../../shared/dispatch';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/ports';
import { silentLogger } from '../core/ports';
import { readStaticFile } from './static-files';

const LOOPBACK = '127.0.0.1';
const COOKIE = 'sealmail_token';
/** Far above any real request; stops a runaway page from exhausting the core's memory. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024;

export interface BridgeServerOptions {
  core: Core;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  port?: number;
  logger?: Logger;
}

export interface BridgeServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = randomBytes(32).toString('base64url');
  const logger = options.logger ?? silentLogger;
  let origin = '';

  const server = createServer((request, response) => {
    void serveHttp(request, response).catch((error: unknown) => {
      logger.error('bridge http failure', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  const serveHttp = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    if (request.method !== 'GET' || request.headers.host !== new URL(origin).host) return refuse(response, 400);
    const fromQuery = url.searchParams.get(TOKEN_PARAM);
    const authorised = fromQuery !== null ? sameToken(fromQuery, token) : sameToken(readCookie(request, COOKIE), token);
    if (!authorised) return refuse(response, 403);
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) return refuse(response, 404);
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': contentSecurityPolicy({ connectSrc: `ws://${new URL(origin).host}` }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    });
    response.end(file.body);
  };

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const allowed =
      url.pathname === BRIDGE_PATH &&
      request.headers.host === new URL(origin).host &&
      request.headers.origin === origin &&
      sameToken(url.searchParams.get(TOKEN_PARAM), token);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bindSocket(ws, options.core, logger));
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, LOOPBACK, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${LOOPBACK}:${port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function bindSocket(ws: WebSocket, core: Core, logger: Logger): void {
  const send = (message: BridgeMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data) => {
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return;
    }
    if (!isBridgeRequest(frame)) return;
    const { id, call, input } = frame;
    void dispatchCall(core.handlers, call, input, (name, error) => logger.error('call failed', { call: name, error: String(error) })).then(
      (result) => send({ kind: 'result', id, result }),
    );
  });
}

function refuse(response: ServerResponse, status: number): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(status === 403 ? 'Open the address printed by `npm run dev:web`, including its token.\n' : '');
}

function sameToken(candidate: string | null | undefined, token: string): boolean {
  if (!candidate) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
