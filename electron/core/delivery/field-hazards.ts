/**
 * Received fields that are refused before they are parsed: text no server writes and that could
 * mislead whoever displays it (control characters, bidirectional overrides, HTML tags).
 */

/**
 * C0 controls other than tab (CR and LF are gone once the field is unfolded, so any left are bare),
 * DEL, C1 controls, and the invisible format characters that reorder or hide text (RFC 5198 §2
 * forbids all of them in Net-Unicode; U+202E can make `moc.evil` read as `live.com`).
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Element names a renderer would act on. `<user@example.org>` and `<postmaster>` are paths, not tags. */
const HTML_ELEMENTS = new Set([
  'a', 'abbr', 'applet', 'area', 'audio', 'b', 'base', 'bdo', 'blink', 'body', 'br', 'button', 'canvas', 'center', 'code',
  'details', 'dialog', 'div', 'em', 'embed', 'font', 'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'head', 'hr', 'html', 'i', 'iframe', 'img', 'input', 'label', 'li', 'link', 'map', 'marquee', 'math', 'meta',
  'noscript', 'object', 'ol', 'option', 'p', 'param', 'picture', 'pre', 's', 'script', 'select', 'small', 'source',
  'span', 'strong', 'style', 'sub', 'sup', 'svg', 'table', 'tbody', 'td', 'template', 'textarea', 'th', 'title', 'tr',
  'u', 'ul', 'video', 'xml', 'xmp',
]);

/** A sentence saying why the field is refused, or null when nothing in it is hostile. */
export function fieldHazard(value: string): string | null {
  if (CONTROL.test(value)) return 'This Received field holds control characters.';
  if (holdsHtmlTag(value)) return 'This Received field holds an HTML tag.';
  return null;
}

const isTagNameChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);

/**
 * `<b>`, `</script>`, `<img src=x>`, `<!--`, `<?xml`: a `<` opening a known element name (ended by
 * space, `/` or `>`), a declaration, or any name followed by attributes (`<x onload=...>`). Each `<`
 * scans only up to the next `<` or `>`, so the whole check is one pass.
 */
function holdsHtmlTag(value: string): boolean {
  for (let i = value.indexOf('<'); i !== -1; i = value.indexOf('<', i + 1)) {
    let j = i + 1;
    if (value[j] === '!' || value[j] === '?') return true;
    if (value[j] === '/') j++;
    const nameStart = j;
    while (isTagNameChar(value[j])) j++;
    if (j === nameStart) continue;
    const after = value[j];
    const name = value.slice(nameStart, j).toLowerCase();
    if (HTML_ELEMENTS.has(name) && (after === undefined || after === ' ' || after === '\t' || after === '/' || after === '>')) return true;
    if (after === ' ' || after === '\t') {
      for (let k = j; k < value.length && value[k] !== '>' && value[k] !== '<'; k++) {
        if (value[k] === '=') return true;
      }
    }
  }
  return false;
}
