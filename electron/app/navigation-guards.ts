/**
 * Keeps every web contents on the app's own pages: no navigation or redirect away from
 * app://sealmail, no new windows, no <webview>, no permissions. Links a user clicks leave through
 * the link opener, which only lets http(s) and mailto out.
 */
import type { App, WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import { denyAllPermissions } from './permission-guards';

/** Opens a link outside the app (see openExternalSafely); must refuse what it cannot vet. */
export type LinkOpener = (url: string) => unknown;

/** What a sub-frame may show besides app pages: the sandboxed message frame and a blank one. */
const INERT_FRAME_URLS = new Set(['about:srcdoc', 'about:blank']);

/** Installs the guards on one web contents. */
export function guardWebContents(contents: WebContents, openLink: LinkOpener): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // Also fires for sub-frames: a message's <meta http-equiv=refresh> or a link inside the message
  // frame must not load a remote page there.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url) && !INERT_FRAME_URLS.has(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // target=_blank links arrive here; the opener decides whether the OS may open them.
    void Promise.resolve()
      .then(() => openLink(url))
      .catch(() => undefined);
    return { action: 'deny' };
  });
  denyAllPermissions(contents.session);
}

/**
 * Guards every web contents the app will ever create (windows, frames' hosts, devtools), from
 * the moment it exists. Call before the first window is created.
 */
export function installNavigationGuards(app: Pick<App, 'on'>, openLink: LinkOpener): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, openLink));
}
