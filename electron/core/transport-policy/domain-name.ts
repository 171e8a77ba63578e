/**
 * Recipient domains as DNS asks for them: lower-case ASCII, U-labels converted to A-labels
 * (IDNA, RFC 5891, through WHATWG's domainToASCII), and only names that are host names
 * (RFC 1123 §2.1 letters, digits and hyphens; labels of 1-63 octets; 253 in all; at least two labels).
 */
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The domain in lower-case ASCII, or null when it is not a domain name mail can go to. */
export function normalizeDomain(input: string): string | null {
  const trimmed = input.trim().replace(/\.$/, '');
  if (trimmed === '' || isIP(trimmed.replace(/^\[|\]$/g, '')) !== 0 || /[\s/\\@[\]:]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed).toLowerCase();
  if (ascii === '' || ascii.length > 253) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // A last label of digits only would make the name look like an IPv4 address (RFC 1123 §2.1).
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  return ascii;
}
