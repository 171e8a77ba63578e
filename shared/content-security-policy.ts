/**
 * The Content-Security-Policy of the app's own page, for Electron's app:// scheme and for the
 * loopback dev server alike. Message HTML lives in a sandboxed srcdoc frame, which inherits this
 * policy on top of its own: hence 'unsafe-inline' for styles (mail layouts need them; styles cannot
 * run code) while scripts stay 'self' only and nothing remote is ever fetched.
 */
export function contentSecurityPolicy(options: { connectSrc?: string } = {}): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${options.connectSrc ?? "'none'"}`,
    "frame-src 'self' about:",
    "child-src 'self' about:",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
