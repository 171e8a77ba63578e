/**
 * Fetches one remote image the user allowed, for inlining as a data: URL: http(s) only, no cookies
 * or referrer, a time limit, a size limit, and only image types an <img> shows without running code.
 */
import { SAFE_IMAGE_TYPES, dataUrl } from '../mime/inline-images';

export const MAX_REMOTE_IMAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

export type ImageFetcher = (url: string, maxBytes: number) => Promise<string | null>;

/** The image as a data: URL, or null when it cannot be had within the limits. */
export const fetchRemoteImage: ImageFetcher = async (url, maxBytes) => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  try {
    const response = await fetch(parsed, {
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      credentials: 'omit',
      headers: { accept: 'image/*' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!response.ok || !SAFE_IMAGE_TYPES.has(type) || !response.body) {
      await response.body?.cancel();
      return null;
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) {
      await response.body.cancel();
      return null;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) return null;
      chunks.push(chunk);
    }
    return dataUrl(type, Buffer.concat(chunks));
  } catch {
    return null;
  }
};
