/**
 * The only place message HTML is ever rendered: an iframe with an empty sandbox (no scripts, no
 * same-origin, no forms, no popups) whose document starts with a CSP that forbids remote loads.
 * Takes a srcdoc made by `prepareMessageHtml`, never raw HTML.
 */
export function HtmlFrame({ srcdoc, title }: { srcdoc: string; title: string }) {
  return <iframe className="message-html" title={title} sandbox="" srcDoc={srcdoc} referrerPolicy="no-referrer" />;
}
