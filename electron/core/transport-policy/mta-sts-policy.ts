/**
 * The MTA-STS policy file (RFC 8461 §3.2) and the MX check it asks of a sender (§4.1).
 */

export type StsMode = 'enforce' | 'testing' | 'none';

export interface StsPolicy {
  mode: StsMode;
  /** mx patterns as written, lower-cased: exact names or "*." + a domain. */
  mx: string[];
  /** Seconds, at most 31557600 (a year). */
  maxAge: number;
}

export const MAX_AGE_LIMIT = 31_557_600;

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export type PolicyParse = { ok: true; policy: StsPolicy } | { ok: false; reason: string };

/**
 * Parses "key: value" lines separated by LF or CRLF. version, mode and max_age are required; mx is
 * required unless the mode is none; unknown keys are extensions and ignored (§3.2). A key given
 * twice (other than mx) keeps its first value.
 */
export function parseStsPolicy(text: string): PolicyParse {
  const fields = new Map<string, string>();
  const mx: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, reason: `the line "${line.slice(0, 40)}" is not "key: value"` };
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (key === 'mx') mx.push(value.toLowerCase().replace(/\.$/, ''));
    else if (!fields.has(key)) fields.set(key, value);
  }
  if (fields.get('version') !== 'STSv1') return { ok: false, reason: 'it does not say version: STSv1' };
  const mode = fields.get('mode');
  if (mode !== 'enforce' && mode !== 'testing' && mode !== 'none') return { ok: false, reason: 'its mode is not enforce, testing or none' };
  const maxAgeText = fields.get('max_age') ?? '';
  if (!/^\d{1,10}$/.test(maxAgeText) || Number(maxAgeText) > MAX_AGE_LIMIT) {
    return { ok: false, reason: `its max_age is not a number of seconds up to ${MAX_AGE_LIMIT}` };
  }
  const badPattern = mx.find((pattern) => !isMxPattern(pattern));
  if (badPattern !== undefined) return { ok: false, reason: `"${badPattern}" is not an mx pattern` };
  if (mode !== 'none' && mx.length === 0) return { ok: false, reason: 'it lists no mx' };
  return { ok: true, policy: { mode, mx, maxAge: Number(maxAgeText) } };
}

function isMxPattern(pattern: string): boolean {
  const name = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
  const labels = name.split('.');
  return name.length <= 253 && labels.length >= 1 && labels.every((label) => DOMAIN_LABEL.test(label));
}

/**
 * RFC 8461 §4.1: an MX host is valid when it equals a pattern (case-insensitively) or when the
 * pattern is "*." + D and the host is one label followed by D ("*.example.com" matches
 * "mx1.example.com", not "example.com" and not "a.mx1.example.com").
 */
export function mxMatchesPattern(host: string, pattern: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const want = pattern.toLowerCase().replace(/\.$/, '');
  if (!want.startsWith('*.')) return name === want;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === want.slice(2);
}

export function mxMatchesPolicy(host: string, policy: StsPolicy): boolean {
  return policy.mx.some((pattern) => mxMatchesPattern(host, pattern));
}
