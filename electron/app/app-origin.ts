/**
 * The one origin Sealmail's own pages come from: `app://sealmail`. Every guard (navigation, IPC
 * sender, protocol handler) compares against this, so it is written down once.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'sealmail';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` is a page of the app itself.
 *
 * Compares scheme and host instead of `URL.origin`: Node's WHATWG parser gives every non-special
 * scheme the opaque origin "null", while Chromium gives a registered standard scheme a real one.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
