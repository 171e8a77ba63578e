/**
 * Message HTML, second pass: the core already sanitised it, and the renderer sanitises it again
 * (defence in depth) before it goes into a sandboxed iframe under a CSP that forbids remote loads.
 * The result is then checked by an independent walk, and refused if anything active survived:
 * DOMPurify returns its input unchanged where it deems the DOM unsupported, and a DOM whose
 * NodeIterator misbehaves (happy-dom, capricorn86/happy-dom#2310) makes it stop half way.
 */
import createDOMPurify from 'dompurify';

type DomWindow = Window & typeof globalThis;

/** The frame's own policy: nothing loads but inline images, and styles stay inline. */
export const MESSAGE_FRAME_CSP = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

/** Elements that run code, load other documents, submit data, or change how URLs resolve. */
const ACTIVE_TAGS = [
  'script',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'base',
  'link',
  'meta',
];

/** Attributes that fetch a URL when rendered; only inline (data:) and cid: references may stay. */
const FETCHING_ATTRIBUTES = ['src', 'background', 'poster', 'lowsrc', 'dynsrc'];
const LOCAL_URL = /^\s*(data:|cid:)/i;
const SCRIPT_URL = /^\s*(javascript|vbscript|data):/i;
const ALWAYS_FORBIDDEN_ATTRIBUTES = ['srcset', 'imagesrcset', 'action', 'formaction', 'ping', 'srcdoc'];

export type PreparedHtml = { ok: true; srcdoc: string } | { ok: false; reason: string };

/** Strips everything that runs, fetches or submits. A fresh instance per call keeps hooks local. */
function sanitize(html: string, win: DomWindow): string | null {
  const purifier = createDOMPurify(win);
  if (!purifier.isSupported) return null;
  purifier.addHook('afterSanitizeAttributes', (node) => {
    for (const name of FETCHING_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value !== null && !LOCAL_URL.test(value)) node.removeAttribute(name);
    }
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      // The sandbox allows no popups and the app's CSP allows no remote frames, so a click goes
      // nowhere; the title at least shows where a link points.
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
      if (!node.hasAttribute('title')) node.setAttribute('title', node.getAttribute('href') ?? '');
    }
  });
  return purifier.sanitize(html, {
    ALLOW_DATA_ATTR: false,
    FORBID_TAGS: ACTIVE_TAGS,
    FORBID_ATTR: ALWAYS_FORBIDDEN_ATTRIBUTES,
  });
}

function describeActive(element: Element): string | null {
  const tag = element.localName.toLowerCase();
  if (ACTIVE_TAGS.includes(tag)) return `<${tag}> element`;
  for (const attribute of Array.from(element.attributes)) {
    const name = attribute.name.toLowerCase();
    if (name.startsWith('on')) return `${name} handler on <${tag}>`;
    if (ALWAYS_FORBIDDEN_ATTRIBUTES.includes(name)) return `${name} on <${tag}>`;
    if (FETCHING_ATTRIBUTES.includes(name) && !LOCAL_URL.test(attribute.value)) return `remote ${name} on <${tag}>`;
    if ((name === 'href' || name === 'xlink:href') && SCRIPT_URL.test(attribute.value) && tag !== 'img') return `script URL on <${tag}>`;
  }
  return null;
}

/**
 * Walks the parsed result by `children` (no NodeIterator) and names the first active thing left,
 * or returns null when there is none.
 */
export function findActiveContent(html: string, win: DomWindow = window): string | null {
  const doc = new win.DOMParser().parseFromString(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`, 'text/html');
  const stack: Element[] = [...Array.from(doc.head.children), ...Array.from(doc.body.children)];
  while (stack.length > 0) {
    const element = stack.pop()!;
    const problem = describeActive(element);
    if (problem) return problem;
    stack.push(...Array.from(element.children));
    if (element instanceof win.HTMLTemplateElement) stack.push(...Array.from(element.content.children));
  }
  return null;
}

/**
 * The whole document for `<iframe sandbox="" srcdoc>`, CSP meta first so it governs all that
 * follows; or the reason the HTML is refused, in which case the caller shows the text part.
 */
export function prepareMessageHtml(html: string, win: DomWindow = window): PreparedHtml {
  const clean = sanitize(html, win);
  if (clean === null) return { ok: false, reason: 'the HTML sanitiser is not available' };
  const problem = findActiveContent(clean, win);
  if (problem) return { ok: false, reason: `sanitising left a ${problem}` };
  return {
    ok: true,
    srcdoc:
      '<!DOCTYPE html><html><head>' +
      `<meta http-equiv="Content-Security-Policy" content="${MESSAGE_FRAME_CSP}">` +
      '<meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta name="color-scheme" content="light">' +
      `</head><body>${clean}</body></html>`,
  };
}
