/**
 * The Content-Security-Policy of the app's own page, one source for Electron's app:// scheme and
 * the loopback dev server. Nothing remote, no inline script, no eval.
 */

export interface PolicyOptions {
  connectSrc?: string;
  /** For a <meta> tag, which cannot carry frame-ancestors (browsers ignore it there, noisily). */
  asMetaTag?: boolean;
}

export function contentSecurityPolicy(options: PolicyOptions = {}): string {
  const directives: [string, string][] = [
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
    // Electron talks through the preload and needs no network; the dev server needs its WebSocket.
    ['connect-src', options.connectSrc ?? "'none'"],
    // The message frame is about:srcdoc; nothing else may be framed.
    ['frame-src', "'self' about:"],
    ...(options.asMetaTag ? [] : ([['frame-ancestors', "'none'"]] as [string, string][])),
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['object-src', "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
