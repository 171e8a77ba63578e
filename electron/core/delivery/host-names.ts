/**
 * What a word in a Received field names: a host name, an address literal (RFC 5321 §4.1.3) or a
 * bare IP address; which addresses stay inside one network; and the registrable domain a host
 * name belongs to (the Public Suffix List, through tldts).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { getDomain } from 'tldts';

export type Host = { kind: 'name'; name: string } | { kind: 'ip'; ip: string };

/**
 * A host name, `[192.0.2.1]`, `[IPv6:2001:db8::1]`, or a bare address (Gmail writes `by 2002:...`,
 * Microsoft `(2603:10a6:...)`, with or without a `%zone`). Null for anything else.
 */
export function readHost(word: string): Host | null {
  if (word.startsWith('[')) return word.endsWith(']') ? ipHost(readLiteral(word.slice(1, -1))) : null;
  const ip = readIp(word);
  if (ip) return { kind: 'ip', ip };
  return isHostName(word) ? { kind: 'name', name: normaliseName(word) } : null;
}

/** The address inside an address literal's brackets, or null. */
function readLiteral(inner: string): string | null {
  if (/^ipv6:/i.test(inner)) return isIPv6(inner.slice(5)) ? inner.slice(5).toLowerCase() : null;
  // Servers also put bare IPv6 (and a zone) in brackets; RFC 5321 wants the IPv6: tag, readers don't.
  return readIp(inner);
}

/** A bare IPv4 or IPv6 address (any `%zone` dropped), or null. */
export function readIp(word: string): string | null {
  if (isIPv4(word)) return word;
  const zone = word.indexOf('%');
  const address = zone === -1 ? word : word.slice(0, zone);
  return address.includes(':') && isIPv6(address) ? address.toLowerCase() : null;
}

function ipHost(ip: string | null): Host | null {
  return ip ? { kind: 'ip', ip } : null;
}

/**
 * RFC 1123 host names, loosened the way mail is: underscores (Windows hosts), a trailing dot
 * (Gmail's `mail-sor-f41.google.com.`), and U-labels, which RFC 6531 allows in trace fields.
 */
export function isHostName(word: string): boolean {
  const name = word.endsWith('.') ? word.slice(0, -1) : word;
  if (name.length === 0 || name.length > 253) return false;
  for (const label of name.split('.')) {
    if (label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-')) return false;
    if (!/^[\p{L}\p{M}\p{N}_-]+$/u.test(label)) return false;
  }
  return true;
}

/** Lower case, no trailing dot: the form names are compared in. */
export function normaliseName(name: string): string {
  return (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Addresses that never cross the Internet: loopback, RFC 1918, RFC 4193 (fc00::/7), link-local. */
const insideOneNetwork = new BlockList();
insideOneNetwork.addSubnet('127.0.0.0', 8, 'ipv4');
insideOneNetwork.addSubnet('10.0.0.0', 8, 'ipv4');
insideOneNetwork.addSubnet('172.16.0.0', 12, 'ipv4');
insideOneNetwork.addSubnet('192.168.0.0', 16, 'ipv4');
insideOneNetwork.addSubnet('169.254.0.0', 16, 'ipv4');
insideOneNetwork.addAddress('::1', 'ipv6');
insideOneNetwork.addSubnet('fc00::', 7, 'ipv6');
insideOneNetwork.addSubnet('fe80::', 10, 'ipv6');

const family = (ip: string) => (ip.includes(':') ? 'ipv6' : 'ipv4');

/** BlockList also matches IPv4-mapped IPv6 (`::ffff:10.0.0.1`) against the IPv4 ranges. */
export function isLoopbackIp(ip: string): boolean {
  return loopback.check(ip, family(ip));
}

export function isPrivateIp(ip: string): boolean {
  return insideOneNetwork.check(ip, family(ip));
}

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * The domain an organisation registers (`mx.google.com` → `google.com`, `a.b.co.uk` → `b.co.uk`).
 * Private suffixes count (`compute-1.amazonaws.com` is many customers, not one), so two hosts share a
 * domain only when one registrant holds both. A single-label name (`localhost`) is its own domain.
 */
export function registrableDomain(name: string): string | null {
  if (!name.includes('.')) return name;
  return getDomain(name, { allowPrivateDomains: true });
}
