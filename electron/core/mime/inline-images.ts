/**
 * Resolves `cid:` references in message HTML to data: URLs made from the message's own parts
 * (RFC 2392), so inline images show without the frame loading anything. Only raster images, and
 * only so much of them: a message cannot make the view carry hundreds of megabytes.
 */
import type { Attachment } from 'mailparser';

export const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_INLINE_TOTAL_BYTES = 15 * 1024 * 1024;

/** Types an <img> shows without running anything; SVG is left out as a document format. */
export const SAFE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

export function dataUrl(contentType: string, bytes: Uint8Array): string {
  return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** A resolver for the sanitiser: `cid:x` -> data URL of the part whose Content-ID is `<x>`, else null. */
export function inlineImageResolver(attachments: readonly Attachment[]): (url: string) => string | null {
  const byId = new Map<string, Attachment>();
  for (const attachment of attachments) {
    const id = attachment.contentId?.replace(/^<|>$/g, '').trim().toLowerCase();
    if (id && !byId.has(id)) byId.set(id, attachment);
  }
  const made = new Map<string, string | null>();
  let budget = MAX_INLINE_TOTAL_BYTES;
  return (url) => {
    const match = /^cid:(.+)$/i.exec(url.trim());
    if (!match) return null;
    let id: string;
    try {
      id = decodeURIComponent(match[1]!).trim().toLowerCase();
    } catch {
      return null;
    }
    if (made.has(id)) return made.get(id) ?? null;
    const part = byId.get(id);
    const type = part?.contentType.toLowerCase() ?? '';
    let result: string | null = null;
    if (part && SAFE_IMAGE_TYPES.has(type) && part.size <= MAX_INLINE_IMAGE_BYTES && part.size <= budget) {
      budget -= part.size;
      result = dataUrl(type, part.content);
    }
    made.set(id, result);
    return result;
  };
}
