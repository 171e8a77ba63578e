// jsdom supplies the DOM types at run time.
/// <reference lib="dom" />
/**
 * The text a person saw of a message's (already sanitised) HTML, for quoting in a reply: elements
 * hidden by attribute or inline style are left out, so content a sender hid from the reader (a
 * reply-based exfiltration trick) never travels back in the quote.
 */
import { JSDOM } from 'jsdom';

const SKIPPED = new Set(['head', 'title', 'style', 'script', 'template', 'noscript', 'svg', 'math']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'table', 'tr', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);
const HIDING_STYLE = /(display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)|font-size\s*:\s*0(?:px|pt|em|rem|%)?\s*(?:;|$)|(?:max-)?height\s*:\s*0(?:px)?\s*(?:;|$))/i;

/** Hidden by attribute, inline style, or the message's own style sheet (jsdom computes the cascade). */
function isHidden(element: Element, view: Window): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (HIDING_STYLE.test(element.getAttribute('style') ?? '')) return true;
  const style = view.getComputedStyle(element);
  return style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse' || /^0(px|pt|em|rem|%)?$/.test(style.fontSize) || style.opacity === '0';
}

export function visibleText(html: string): string {
  const { window } = new JSDOM(`<!DOCTYPE html><body>${html}</body>`);
  const document = window.document;
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      out.push((node.textContent ?? '').replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    const tag = element.localName;
    if (SKIPPED.has(tag) || isHidden(element, window as unknown as Window)) return;
    if (tag === 'br') {
      out.push('\n');
      return;
    }
    if (tag === 'img') {
      const alt = element.getAttribute('alt')?.trim();
      if (alt) out.push(`[${alt}]`);
      return;
    }
    const block = BLOCKS.has(tag) || tag === 'li' || tag === 'td';
    if (block) out.push('\n');
    if (tag === 'li') out.push('- ');
    for (const child of Array.from(element.childNodes)) walk(child);
    if (tag === 'a') {
      const href = element.getAttribute('href') ?? '';
      const label = element.textContent?.trim() ?? '';
      if (/^https?:/i.test(href) && href !== label) out.push(` <${href}>`);
    }
    if (tag === 'td') out.push(' ');
    if (block) out.push('\n');
  };
  walk(document.body);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
