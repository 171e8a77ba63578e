/**
 * The only road from the app to the user's browser or mail handler. Only web and mailto links
 * leave; the URL is parsed and re-serialised so what the OS opens is exactly what was checked.
 */
import type { Shell } from 'electron';

const OPENABLE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Opens `url` with the operating system when it is an http:, https: or mailto: URL.
 *
 * Refuses everything else (file:, javascript:, smb:, custom schemes that launch programs,
 * malformed text) and never throws.
 *
 * @returns true when the URL was handed to the OS
 */
export async function openExternalSafely(url: unknown, shell: Pick<Shell, 'openExternal'>): Promise<boolean> {
  const safe = toOpenableUrl(url);
  if (safe === null) return false;
  try {
    await shell.openExternal(safe);
    return true;
  } catch {
    // No handler installed for the scheme: nothing to open, nothing to report to a page.
    return false;
  }
}

/** The re-serialised URL when it may be opened externally, otherwise null. */
export function toOpenableUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!OPENABLE_PROTOCOLS.has(parsed.protocol)) return null;
  // Credentials in a web link are a phishing trick (https://bank.com@evil.example/); never follow.
  if (parsed.protocol !== 'mailto:' && (parsed.username !== '' || parsed.password !== '')) return null;
  if (parsed.protocol !== 'mailto:' && parsed.hostname === '') return null;
  return parsed.toString();
}

/**
 * Opens an OAuth 2.0 sign-in page in the person's own browser (RFC 8252: never a view inside
 * Sealmail). Only https: pages go, and a refusal throws, so the sign-in says it could not start
 * rather than waiting for a browser that never opened.
 */
export async function openSignInPage(url: string, shell: Pick<Shell, 'openExternal'>): Promise<void> {
  const safe = toOpenableUrl(url);
  if (safe === null || new URL(safe).protocol !== 'https:') throw new Error('only https: sign-in pages are opened');
  await shell.openExternal(safe);
}
