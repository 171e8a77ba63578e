/**
 * Where a company directory is and how Sealmail may talk to it: LDAPS (RFC 4513 §3.1.3 "ldaps",
 * implicit TLS) or LDAP with StartTLS (RFC 4511 §4.14) as a hard requirement, never in clear.
 * An `ldap://` URL is accepted only together with `security: 'starttls'`, so no setting means
 * plaintext; the TLS itself is the transport's (tls-policy.ts): TLS 1.2 minimum, host name
 * verified, system roots plus the extra trust anchors, or a pinned SHA-256 fingerprint.
 */
import { isIP } from 'node:net';

export interface DirectorySettings {
  /** ldaps://host:port (security 'ldaps') or ldap://host:port (security 'starttls'). */
  url: string;
  security: 'ldaps' | 'starttls';
  /** Where the search starts, e.g. dc=example,dc=com. */
  baseDn: string;
  /** Absent: an anonymous look-up (still over TLS). */
  bindDn?: string;
  bindPassword?: string;
  /** SHA-256 fingerprint (AB:CD:…) of a directory certificate the user chose to trust. */
  pinnedFingerprint256?: string;
}

/** A validated directory endpoint. */
export interface DirectoryEndpoint {
  scheme: 'ldaps' | 'ldap';
  host: string;
  port: number;
  security: 'ldaps' | 'starttls';
  /** The URL ldapts connects to, rebuilt from the parts (never the user's string as typed). */
  url: string;
}

export type SettingsCheck = { ok: true; endpoint: DirectoryEndpoint } | { ok: false; problem: string };

const DEFAULT_PORT = { ldaps: 636, ldap: 389 } as const;
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i;

/**
 * Parses an `ldaps://` or `ldap://` URL (host and port only: RFC 4516's DN, attributes and
 * filter parts belong in the settings, not the URL) and checks it against `security`.
 */
export function parseDirectoryUrl(url: string, security: DirectorySettings['security']): SettingsCheck {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { ok: false, problem: `"${url}" is not a directory address; write it as ldaps://host:port or ldap://host:port.` };
  }
  const scheme = parsed.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'ldaps' && scheme !== 'ldap') {
    return { ok: false, problem: `"${url}" is not an LDAP address; Sealmail looks up directories at ldaps:// or ldap:// (with StartTLS) only.` };
  }
  if (parsed.username || parsed.password) {
    return { ok: false, problem: `"${url}" carries a user name or password; put them in the bind settings, never in the address.` };
  }
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) {
    return { ok: false, problem: `"${url}" has more than a host and port; put the base DN in its own setting.` };
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { ok: false, problem: `"${url}" names no host.` };
  const port = parsed.port === '' ? DEFAULT_PORT[scheme] : Number(parsed.port);
  if (scheme === 'ldaps' && security !== 'ldaps') {
    return { ok: false, problem: `${url} is an LDAPS address; choose "LDAPS" security for it (StartTLS runs on an ldap:// address).` };
  }
  if (scheme === 'ldap' && security !== 'starttls') {
    return { ok: false, problem: `${url} is a plain LDAP address; Sealmail uses it only with StartTLS required, never in clear.` };
  }
  const hostInUrl = isIP(host) === 6 ? `[${host}]` : host;
  return { ok: true, endpoint: { scheme, host, port, security, url: `${scheme}://${hostInUrl}:${port}` } };
}

/** Checks every setting; the first problem is a sentence for the settings form. */
export function checkDirectorySettings(settings: DirectorySettings): SettingsCheck {
  if (settings.security !== 'ldaps' && settings.security !== 'starttls') {
    return { ok: false, problem: 'A directory is reached over LDAPS or with StartTLS required; there is no other choice.' };
  }
  const url = parseDirectoryUrl(settings.url, settings.security);
  if (!url.ok) return url;
  if (settings.baseDn.trim() === '') return { ok: false, problem: 'The directory needs a base DN to search under (e.g. dc=example,dc=com).' };
  if (settings.bindDn !== undefined && settings.bindDn !== '' && !settings.bindPassword) {
    return { ok: false, problem: `The directory bind DN ${settings.bindDn} needs its password.` };
  }
  if ((settings.bindDn === undefined || settings.bindDn === '') && settings.bindPassword) {
    return { ok: false, problem: 'A directory password was given without a bind DN to use it with.' };
  }
  if (settings.pinnedFingerprint256 !== undefined && !FINGERPRINT.test(settings.pinnedFingerprint256)) {
    return { ok: false, problem: 'The pinned directory certificate fingerprint is not a SHA-256 fingerprint (32 bytes as AB:CD:…).' };
  }
  return url;
}
