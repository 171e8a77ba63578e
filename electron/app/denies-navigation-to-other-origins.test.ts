import { describe, expect, it, vi } from 'vitest';
import { guardWebContents } from './navigation-guards';
import { FakeWebContents } from './testing/fakes';

function guarded() {
  const contents = new FakeWebContents();
  guardWebContents(contents.asWebContents(), vi.fn());
  return contents;
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s stays allowed within app://sealmail', (name) => {
    const contents = guarded();
    expect(contents.fire(name, 'app://sealmail/index.html')).toBe(false);
    expect(contents.fire(name, 'app://sealmail/settings#tls')).toBe(false);
  });

  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s to another origin is prevented', (name) => {
    const contents = guarded();
    for (const url of [
      'https://evil.example/',
      'http://sealmail/index.html',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://sealmail.evil.example/index.html',
      'app://user@sealmail/index.html',
      'app://sealmail:8080/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(contents.fire(name, url), url).toBe(true);
    }
  });

  it('lets the message frame be about:srcdoc but not load a remote page', () => {
    const contents = guarded();
    expect(contents.fire('will-frame-navigate', 'about:srcdoc')).toBe(false);
    expect(contents.fire('will-frame-navigate', 'about:blank')).toBe(false);
    expect(contents.fire('will-frame-navigate', 'https://tracker.example/pixel')).toBe(true);
  });

  it('main-frame navigation to about:srcdoc is still refused', () => {
    expect(guarded().fire('will-navigate', 'about:srcdoc')).toBe(true);
  });

  it('refuses every <webview>', () => {
    expect(guarded().fire('will-attach-webview', 'app://sealmail/index.html')).toBe(true);
  });
});
