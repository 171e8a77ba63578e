// DOMPurify's types speak of DOM elements; jsdom supplies them at run time.
/// <reference lib="dom" />
/**
 * Sanitises message HTML before it leaves the core: no scripts, no active content, and no remote
 * references (images, styles, fonts), which are tracking beacons until the user says otherwise.
 * The renderer sanitises again and shows the result in a sandboxed frame under a CSP that forbids
 * remote loads: three layers, because mail HTML is hostile by default.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

export interface SanitisedHtml {
  html: string;
  remoteContentBlocked: boolean;
}

export interface SanitiseOptions {
  /**
   * Offered every image URL (cid: or remote) before it is dropped; a data:image URL returned takes
   * its place. This is how a message's own parts and, when the user allows it, fetched remote images
   * reach the frame, which itself may load nothing but data: URLs.
   */
  resolveImage?: (url: string) => string | null;
}

/** Attributes whose URL may be replaced by a resolved image; srcset lists are always dropped. */
const RESOLVABLE_ATTRIBUTES = new Set(['src', 'background', 'poster']);

const URL_ATTRIBUTES = ['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc'];
const INLINE_IMAGE = /^\s*data:image\//i;
/** Parts of the message itself; not resolved yet, so dropped rather than left for the CSP to refuse. */
const PART_REFERENCE = /^\s*cid:/i;
const CSS_URL = /url\s*\(\s*(['"]?)(?!\s*(?:data:image\/|cid:))[^)]*\1\s*\)|@import[^;]*;?/gi;

export class HtmlSanitiser {
  private readonly purify: DOMPurify;
  private blocked = false;
  private resolveImage: SanitiseOptions['resolveImage'] = undefined;

  constructor() {
    // One DOM for the life of the core: building a JSDOM costs milliseconds, sanitising microseconds.
    const { window } = new JSDOM('');
    this.purify = createDOMPurify(window as unknown as Window & typeof globalThis);
    this.purify.addHook('afterSanitizeAttributes', (node) => {
      for (const name of URL_ATTRIBUTES) {
        const value = node.getAttribute(name);
        if (value === null || INLINE_IMAGE.test(value)) continue;
        const resolved = RESOLVABLE_ATTRIBUTES.has(name) ? (this.resolveImage?.(value.trim()) ?? null) : null;
        if (resolved !== null && INLINE_IMAGE.test(resolved)) {
          node.setAttribute(name, resolved);
          continue;
        }
        node.removeAttribute(name);
        if (!PART_REFERENCE.test(value)) this.blocked = true;
      }
      const style = node.getAttribute('style');
      if (style !== null) node.setAttribute('style', this.stripCssUrls(style));
      if (node.nodeName === 'A') {
        // Links open outside the app, never inside the frame.
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    this.purify.addHook('uponSanitizeElement', (node, data) => {
      if (data.tagName === 'style' && node.textContent) node.textContent = this.stripCssUrls(node.textContent);
    });
  }

  /** Sanitises one message's HTML; `options.resolveImage` may inline images (see SanitiseOptions). */
  sanitise(html: string, options: SanitiseOptions = {}): SanitisedHtml {
    this.blocked = false;
    this.resolveImage = options.resolveImage;
    try {
      return { html: this.purify.sanitize(html, this.config()), remoteContentBlocked: this.blocked };
    } finally {
      this.resolveImage = undefined;
    }
  }

  private config() {
    return {
      WHOLE_DOCUMENT: false,
      FORBID_TAGS: ['link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'audio', 'video', 'source', 'track'],
      FORBID_ATTR: ['action', 'formaction', 'ping'],
      ALLOW_DATA_ATTR: false,
      ADD_ATTR: ['target'],
    };
  }

  private stripCssUrls(css: string): string {
    return css.replace(CSS_URL, () => {
      this.blocked = true;
      return 'none';
    });
  }
}
