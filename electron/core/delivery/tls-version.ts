/**
 * TLS and SSL version names as servers write them (Postfix and Sendmail `TLSv1.3`, Exim `TLS1.3`,
 * Microsoft and Gmail `TLS1_3`, older OpenSSL `TLSv1`), in one form: "TLS 1.3", "SSL 3.0".
 */

export type TlsVersionWord =
  | { kind: 'version'; version: string }
  /** Spelt like a version, but no such protocol exists (TLSv9.9, TLS1_7, SSLv4). */
  | { kind: 'invented'; text: string }
  | { kind: 'not-a-version' };

/** TLS 1.0 (RFC 2246) to 1.3 (RFC 8446); SSL 2.0 and 3.0 (RFC 6101) are real, if broken. */
const KNOWN = new Set(['TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3', 'SSL 2.0', 'SSL 3.0']);

export function readTlsVersion(word: string): TlsVersionWord {
  const match = /^(TLS|SSL)v?(\d{1,4})(?:[._](\d{1,4}))?$/i.exec(word);
  if (!match) return { kind: 'not-a-version' };
  const name = `${match[1]!.toUpperCase()} ${Number(match[2])}.${Number(match[3] ?? 0)}`;
  return KNOWN.has(name) ? { kind: 'version', version: name } : { kind: 'invented', text: word };
}
