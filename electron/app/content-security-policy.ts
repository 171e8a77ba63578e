/**
 * The Content-Security-Policy of every app:// response. Nothing remote, no inline script, no
 * eval; the renderer talks to the core only through the preload, so it needs no network at all.
 * The policy itself lives in shared/, so the loopback dev server sends the same one.
 */
import { contentSecurityPolicy } from '../../shared/content-security-policy';

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Headers every app:// response carries, besides its Content-Type. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  // A file is only ever what its extension says: no sniffing a .txt into a script.
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Adds the CSP and the other security headers to a response's headers, replacing any that were
 * there, so no file served by the app can carry a weaker policy of its own.
 */
export function applySecurityHeaders(headers: Headers): Headers {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
  return headers;
}
