/**
 * What a Received field says about TLS: its `with` protocol (RFC 3848, RFC 6531), the `tls` clause
 * (RFC 8314 §7), and the comments each MTA writes in its own format.
 */
import type { HopTls } from '../../../shared/delivery-types';
import { readTlsVersion } from './tls-version';

/**
 * RFC 3848 §2: the S means TLS, the A means SMTP AUTH; RFC 6531 §3.7.4 adds the UTF8 forms. SMTPS
 * is Gmail's name for SMTP over TLS, HTTPS Microsoft's for its web and Outlook clients.
 */
const TLS_PROTOCOLS = new Set([
  'ESMTPS', 'ESMTPSA', 'LMTPS', 'LMTPSA', 'UTF8SMTPS', 'UTF8SMTPSA', 'UTF8LMTPS', 'UTF8LMTPSA', 'SMTPS', 'HTTPS',
]);
/** The same protocols without the S: in clear unless a comment or clause says otherwise. */
const CLEAR_PROTOCOLS = new Set([
  'SMTP', 'ESMTP', 'ESMTPA', 'LMTP', 'LMTPA', 'UTF8SMTP', 'UTF8SMTPA', 'UTF8LMTP', 'UTF8LMTPA', 'HTTP',
  // Exchange writes "(TLS)" or "(version=..., cipher=...)" after it whenever TLS was used.
  'MICROSOFT SMTP SERVER',
]);

/** What the protocol alone says; MAPI, local and unknown names say nothing. */
export function protocolTls(protocol: string | null): HopTls {
  if (protocol === null) return 'unknown';
  if (TLS_PROTOCOLS.has(protocol)) return 'tls';
  if (CLEAR_PROTOCOLS.has(protocol)) return 'none';
  return 'unknown';
}

export type CommentTls =
  | { kind: 'tls'; version: string | null; cipher: string | null }
  | { kind: 'invented-version'; text: string }
  | null;

/** Cipher suite names as OpenSSL, GnuTLS and IANA spell them; anything else is not kept. */
const CIPHER = /^[A-Za-z0-9_+\-./]{1,100}$/;
const cipherName = (text: string | undefined) => (text !== undefined && CIPHER.test(text) ? text : null);

/**
 * Reads one comment for TLS, in the formats real servers write (examples from their documentation):
 * - Postfix: `using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange ...`
 * - Exim (`TLS1.3`, `TLS1.2:ECDHE_RSA_AES_256_GCM_SHA384:256`) and OpenSMTPD
 *   (`TLSv1.3:TLS_AES_256_GCM_SHA384:256:NO`): version, then cipher, colon-separated
 * - Sendmail, Gmail, Exchange: `version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT`,
 *   `version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384`
 * - Exchange before 2013 `(TLS)`, Gmail `(Google Transport Security)`: TLS, version unnamed
 * Null when the comment says nothing about TLS.
 */
export function commentTls(comment: string): CommentTls {
  const text = comment.trim();
  if (/^TLS$/i.test(text) || /^Google Transport Security$/i.test(text)) return { kind: 'tls', version: null, cipher: null };
  const words = text.split(/[\s,]+/);
  if (words[0]?.toLowerCase() === 'using' && words[2]?.toLowerCase() === 'with' && words[3]?.toLowerCase() === 'cipher') {
    return versioned(words[1]!, cipherName(words[4]));
  }
  const pairs = keyValues(words);
  if (pairs.has('version') || pairs.has('cipher')) {
    const version = pairs.get('version');
    return version === undefined ? { kind: 'tls', version: null, cipher: cipherName(pairs.get('cipher')) } : versioned(version, cipherName(pairs.get('cipher')));
  }
  if (words.length === 1 && /^(TLS|SSL)/i.test(text)) {
    const [version, cipher] = text.split(':');
    return versioned(version!, cipherName(cipher));
  }
  return null;
}

function versioned(word: string, cipher: string | null): CommentTls {
  const read = readTlsVersion(word);
  if (read.kind === 'invented') return { kind: 'invented-version', text: read.text };
  if (read.kind === 'version') return { kind: 'tls', version: read.version, cipher };
  return null;
}

function keyValues(words: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq > 0) pairs.set(word.slice(0, eq).toLowerCase(), word.slice(eq + 1));
  }
  return pairs;
}
