/**
 * The Content-Security-Policy of every app:// response. Nothing remote, no inline script, no
 * eval; the renderer talks to the core only through the preload, so it needs no network at all.
 * Plain data without Electron imports, so the loopback dev server can send the same policy.
 */

const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  // A message is shown in `<iframe sandbox srcdoc>`, and an about:srcdoc document inherits this
  // policy on top of its own. Mail is styled inline, so inline styles must pass here or no message
  // would render; scripts stay forbidden, and the renderer adds a stricter policy inside the frame.
  ['style-src', "'self' 'unsafe-inline'"],
  // data: carries inline (cid:) images, which the renderer resolves from the message itself.
  ['img-src', "'self' data:"],
  // Vite inlines small font files as data: URLs.
  ['font-src', "'self' data:"],
  ['connect-src', "'none'"],
  // The message frame is about:srcdoc; nothing else may be framed.
  ['frame-src', "'self' about:"],
  ['frame-ancestors', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

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
