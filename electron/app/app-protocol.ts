/**
 * Serves the built renderer (out/renderer) under `app://sealmail/`. A custom standard, secure
 * scheme gives the pages a real origin to check and a CSP header, which file:// cannot; and the
 * handler only ever reads files inside the renderer folder.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_SCHEME, isAppUrl } from './app-origin';
import { applySecurityHeaders } from './content-security-policy';
import { mimeTypeFor } from './mime-types';

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    // standard: real origin and relative URL resolution; secure: a secure context like https.
    standard: true,
    secure: true,
    // Vite emits `<script type="module" crossorigin>`; Chromium loads module scripts from a
    // custom scheme only when it takes part in CORS.
    corsEnabled: true,
    codeCache: true,
  },
};

/**
 * Declares the app scheme privileged. Electron requires this before the app's 'ready' event;
 * registered later, the scheme silently loses its privileges.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Installs the handler that answers every app:// request from `rendererDir`. Call after 'ready'. */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

/**
 * Builds the request handler: GET or HEAD of a file inside `rendererDir`, with its MIME type and
 * the security headers; anything else is answered with an error status and no file content.
 */
export function createAppRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405, 'Method not allowed');
    const file = resolveAppPath(root, request.url);
    if (file === null) return errorResponse(404, 'Not found');
    try {
      if (!(await stat(file)).isFile()) return errorResponse(404, 'Not found');
      const body = await readFile(file);
      const headers = applySecurityHeaders(new Headers({ 'Content-Type': mimeTypeFor(file) }));
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
    } catch {
      return errorResponse(404, 'Not found');
    }
  };
}

/**
 * Maps an app:// URL to a file path inside `root`, or null when it names something outside it.
 *
 * Percent-decoding happens before the containment check, so `..%2F` cannot slip past it; the check
 * is done on the resolved absolute path, so no spelling of `..` can either. Symlinks are not
 * followed up: the renderer folder is the app's own build output.
 */
export function resolveAppPath(root: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const base = resolve(root);
  const file = resolve(base, `.${pathname}`);
  return file.startsWith(base + sep) ? file : null;
}

function errorResponse(status: number, text: string): Response {
  const headers = applySecurityHeaders(new Headers({ 'Content-Type': 'text/plain; charset=utf-8' }));
  return new Response(text, { status, headers });
}
