// jsdom parses HTML by the spec (parse5); happy-dom drops <script> inside <svg>, which would hide a case.
// @vitest-environment jsdom
import { expect, test } from 'vitest';
import { findActiveContent, prepareMessageHtml } from './message-html';

test('the independent check finds what must never reach the frame', () => {
  expect(findActiveContent('<p>Hello <b>there</b></p><img src="data:image/png;base64,AAAA">')).toBeNull();
  expect(findActiveContent('<p>a<script>x()</script></p>')).toBe('<script> element');
  expect(findActiveContent('<div><img src="data:," onerror="x()"></div>')).toMatch(/onerror/);
  expect(findActiveContent('<img src="https://tracker.example/p.png">')).toBe('remote src on <img>');
  expect(findActiveContent('<a href=" javascript:alert(1)">x</a>')).toBe('script URL on <a>');
  expect(findActiveContent('<svg><script>x()</script></svg>')).toBe('<script> element');
  expect(findActiveContent('<template><iframe></iframe></template>')).toBe('<iframe> element');
  expect(findActiveContent('<form><input></form>')).not.toBeNull();
});

test('without a working sanitiser the HTML is refused, not passed through', () => {
  const noDom = {} as Window & typeof globalThis;
  expect(prepareMessageHtml('<p>Hi</p><script>x()</script>', noDom)).toEqual({ ok: false, reason: 'the HTML sanitiser is not available' });
});

test('sanitised HTML keeps the message, drops the active parts, and names where links point', () => {
  const prepared = prepareMessageHtml(
    '<p style="color:red">Hi</p><script>x()</script><img src="https://t.example/p.png"><a href="https://example.test/x">link</a><form><input></form>',
  );
  if (!prepared.ok) throw new Error(prepared.reason);
  expect(prepared.srcdoc.startsWith('<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy"')).toBe(true);
  expect(prepared.srcdoc).toContain('<p style="color:red">Hi</p>');
  expect(prepared.srcdoc).not.toMatch(/<script|t\.example|<form|<input/);
  expect(prepared.srcdoc).toContain('title="https://example.test/x"');
  expect(prepared.srcdoc).toContain('rel="noopener noreferrer"');
});
