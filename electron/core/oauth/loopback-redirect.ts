/**
 * The loopback redirect of the native-app flow (RFC 8252 §7.3): a one-shot HTTP listener on
 * 127.0.0.1 with a port the system picks, which the browser is sent back to with the
 * authorization response. It takes exactly one request to its path; a second (a redirect replayed
 * or arriving twice) gets a refusal page and changes nothing, other paths get 404 and the wait
 * goes on. It stops waiting after `timeoutMs`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SealmailError } from '../../../shared/errors';

export interface LoopbackRedirect {
  /** The redirect_uri to send in the authorization request: an IP literal, not "localhost" (§8.3). */
  redirectUri: string;
  /** The full URL of the one request that came back, or a TIMEOUT error. */
  callback: Promise<URL>;
  /** Stops listening (and, if nothing came back yet, ends the wait as cancelled). */
  close(): Promise<void>;
}

export interface LoopbackRedirectOptions {
  timeoutMs: number;
  path?: string;
  /** The sentence the TIMEOUT error carries, so it can name the provider. */
  timeoutMessage?: string;
}

const DONE_PAGE = page('Sealmail sign-in', 'You can close this window and return to Sealmail.');
const REFUSED_PAGE = page('Sealmail sign-in', 'This sign-in was already answered, so Sealmail ignored this request. You can close this window.');
const NOT_FOUND_PAGE = page('Not found', 'There is nothing here.');

/** Starts listening on 127.0.0.1; resolves once the port is known. */
export async function startLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  const path = options.path ?? '/oauth/callback';
  let answered = false;
  let settle: { resolve: (url: URL) => void; reject: (error: Error) => void } | undefined;
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may never look at `callback` (it failed before); that must not be an unhandled rejection.
  callback.catch(() => undefined);

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname !== path) return send(response, 404, NOT_FOUND_PAGE);
    if (answered) return send(response, 409, REFUSED_PAGE);
    answered = true;
    clearTimeout(timer);
    send(response, 200, DONE_PAGE);
    settle!.resolve(url);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const close = (): Promise<void> =>
    new Promise((resolve) => {
      clearTimeout(timer);
      if (!answered) {
        answered = true;
        settle!.reject(new SealmailError('INTERNAL', 'The sign-in was cancelled.'));
      }
      server.close(() => resolve());
      server.closeAllConnections();
    });

  const timer = setTimeout(() => {
    if (answered) return;
    answered = true;
    settle!.reject(new SealmailError('TIMEOUT', options.timeoutMessage ?? 'The sign-in was not finished in time, so Sealmail stopped waiting for it.'));
    server.close();
    server.closeAllConnections();
  }, options.timeoutMs);

  return { redirectUri: `http://127.0.0.1:${port}${path}`, callback, close };
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    // Plain words only: no scripts, styles or images, nothing fetched from anywhere.
    'content-security-policy': "default-src 'none'",
    connection: 'close',
  });
  response.end(html);
}

function page(title: string, sentence: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><p>${sentence}</p></body></html>`;
}
