import { describe, expect, it, vi } from 'vitest';
import { openExternalSafely, toOpenableUrl } from './external-links';

describe('openExternalSafely', () => {
  it.each([
    ['https://example.org/path?q=1#frag', 'https://example.org/path?q=1#frag'],
    ['HTTPS://EXAMPLE.org', 'https://example.org/'],
    ['http://example.org/a b', 'http://example.org/a%20b'],
    ['mailto:bob@example.org', 'mailto:bob@example.org'],
    // WHATWG parsing turns the backslash into a slash; the OS gets the same host we checked.
    ['https:\\\\example.org\\x', 'https://example.org/x'],
  ])('opens %s as %s', async (input, opened) => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalSafely(input, shell)).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(opened);
  });

  it.each([
    'file:///etc/passwd',
    'file://server/share/run.exe',
    'javascript:alert(document.cookie)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://sealmail/index.html',
    'https://bank.example@evil.example/',
    'https://user:pass@evil.example/',
    'https://',
    'https:',
    '//evil.example/',
    'evil.example',
    '',
    ' ',
  ])('refuses %j', async (input) => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    await expect(openExternalSafely(input, shell)).resolves.toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses values that are not strings', async () => {
    const shell = { openExternal: vi.fn(async () => undefined) };
    for (const input of [undefined, null, 42, { toString: () => 'https://example.org' }]) {
      await expect(openExternalSafely(input, shell)).resolves.toBe(false);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('reports false instead of throwing when the OS has no handler', async () => {
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no handler'))) };
    await expect(openExternalSafely('mailto:a@example.org', shell)).resolves.toBe(false);
  });

  it('opens the re-serialised URL, never the raw text', () => {
    expect(toOpenableUrl(' https://example.org/\n')).toBe('https://example.org/');
  });
});
