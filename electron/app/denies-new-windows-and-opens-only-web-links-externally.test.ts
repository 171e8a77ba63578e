import { describe, expect, it, vi } from 'vitest';
import { openExternalSafely } from './external-links';
import { installNavigationGuards } from './navigation-guards';
import { FakeWebContents } from './testing/fakes';

/** Wires the guards the way main.ts does, with the real link vetting and a fake shell. */
function appWithGuards() {
  const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
  let created: ((event: unknown, contents: unknown) => void) | undefined;
  const app = {
    on: vi.fn((name: string, listener: (event: unknown, contents: unknown) => void) => {
      if (name === 'web-contents-created') created = listener;
    }),
  };
  installNavigationGuards(app as never, (url) => openExternalSafely(url, shell));
  const contents = new FakeWebContents();
  created?.({}, contents);
  return { contents, shell };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('new windows', () => {
  it('are always denied, even for the app origin', () => {
    const { contents } = appWithGuards();
    expect(contents.openWindow('app://sealmail/index.html')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://example.org/')).toEqual({ action: 'deny' });
  });

  it('hand http, https and mailto links to the OS, re-serialised', async () => {
    const { contents, shell } = appWithGuards();
    contents.openWindow('https://example.org/a b');
    contents.openWindow('http://example.org/');
    contents.openWindow('mailto:alice@example.org?subject=hi');
    await settle();
    expect(shell.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://example.org/a%20b',
      'http://example.org/',
      'mailto:alice@example.org?subject=hi',
    ]);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id PCWDiagnostic', 'app://sealmail/index.html'])(
    'never open %s externally',
    async (url) => {
      const { contents, shell } = appWithGuards();
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
      await settle();
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('guard every web contents the moment it is created, including its session', () => {
    const { contents } = appWithGuards();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalled();
  });
});
