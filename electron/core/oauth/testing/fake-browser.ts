/**
 * Plays the system browser's part in the sign-in tests with plain node requests: opens the
 * authorization URL (trusting the test CA), follows the redirect to the loopback listener, and
 * keeps the pages it was shown. It can replay the redirect, or let an interceptor see it first.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface ShownPage { status: number; body: string }

export interface FakeBrowser {
  open: (url: string) => Promise<void>;
  /** The loopback pages shown, in order. */
  pages: ShownPage[];
  opened: string[];
}

export interface FakeBrowserOptions {
  /** Send the redirect a second time. */
  replay?: boolean;
  /** Sees the redirect before the browser follows it (another app that intercepted the code). */
  intercept?: (callback: URL) => Promise<void>;
}

export function fakeBrowser(caPem: string, options: FakeBrowserOptions = {}): FakeBrowser {
  const browser: FakeBrowser = {
    pages: [],
    opened: [],
    open: async (url) => {
      browser.opened.push(url);
      const first = await get(url, caPem);
      const location = first.location;
      if (first.status !== 302 || !location) return;
      const back = new URL(location);
      if (back.protocol !== 'http:' || back.hostname !== '127.0.0.1') throw new Error(`the test browser refuses to follow a redirect to ${back.origin}`);
      if (options.intercept) await options.intercept(back);
      browser.pages.push(await get(location, caPem));
      if (options.replay) browser.pages.push(await get(location, caPem));
    },
  };
  return browser;
}

function get(url: string, caPem: string): Promise<ShownPage & { location?: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = target.protocol === 'https:' ? httpsRequest(target, { ca: caPem }) : httpRequest(target);
    req.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, location: response.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}
