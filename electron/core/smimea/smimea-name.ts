/**
 * Where a correspondent's SMIMEA records live (RFC 8162 §3):
 * `<hex of the first 28 octets of SHA2-256(local part)>._smimecert.<domain>`.
 *
 * The local part is hashed as UTF-8, as written: §3 leaves it case-sensitive (mail systems may
 * treat "Hugh" and "hugh" as two users), and §3 step 1 only asks that a quoted local part be
 * turned into its unquoted form first ("\"hugh\"" and "hugh" are one address, RFC 5321 §4.1.2).
 * The domain goes to DNS as A-labels (IDNA, RFC 5891), lower case.
 */
import { createHash } from 'node:crypto';
import { normalizeDomain } from '../transport-policy/domain-name';

/** RFC 8162 §3 step 2: the hash is truncated to 28 octets (224 bits). */
const HASH_OCTETS = 28;

export interface SmimeaOwner {
  /** The local part as hashed (unquoted, case kept). */
  localPart: string;
  /** The domain in A-labels, lower case. */
  domain: string;
  /** The owner name to ask for SMIMEA records, without a trailing dot. */
  name: string;
}

/** The local part and domain of `address`, split at its last "@" (a quoted local part may hold one). */
function splitAddress(address: string): { localPart: string; domain: string } | null {
  const at = address.trim().lastIndexOf('@');
  if (at <= 0) return null;
  return { localPart: address.trim().slice(0, at), domain: address.trim().slice(at + 1) };
}

/** RFC 8162 §3 step 1: "\"john\\.doe\"" becomes "john.doe"; an unquoted local part stays as is. */
export function unquoteLocalPart(localPart: string): string {
  const quoted = /^"((?:[^"\\]|\\.)*)"$/s.exec(localPart);
  return quoted ? quoted[1]!.replace(/\\(.)/gs, '$1') : localPart;
}

/** The SMIMEA owner name of `address`, or null when it is not an address with a mail domain. */
export function smimeaOwner(address: string): SmimeaOwner | null {
  const parts = splitAddress(address);
  if (!parts) return null;
  const domain = normalizeDomain(parts.domain);
  const localPart = unquoteLocalPart(parts.localPart);
  if (domain === null || localPart === '') return null;
  const hash = createHash('sha256').update(localPart, 'utf8').digest().subarray(0, HASH_OCTETS).toString('hex');
  return { localPart, domain, name: `${hash}._smimecert.${domain}` };
}
