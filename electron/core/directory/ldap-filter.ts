/**
 * The search filter for one address, escaped as RFC 4515 §3 demands, so an address cannot widen
 * or rewrite the search (e.g. `*)(mail=*` would otherwise list the whole directory).
 */

/**
 * RFC 4515 §3: in an assertion value, NUL, '(', ')', '*' and '\' are written as '\' and two hex
 * digits. Every other character may stand as its UTF-8, which is what LDAP strings are (RFC 4511
 * §4.1.2).
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\0()*\\]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `(mail=<address>)`, the equality filter Thunderbird and Outlook use for a recipient. */
export function mailFilter(address: string): string {
  return `(mail=${escapeFilterValue(address)})`;
}
