// RFC 8162 §3: the owner name is the hex of SHA2-256(local part) cut to 28 octets, then
// _smimecert, then the domain.
import { describe, expect, it } from 'vitest';
import { smimeaOwner, unquoteLocalPart } from './smimea-name';

describe('smimeaOwner', () => {
  it('names hugh@example.com as RFC 8162 §3 does', () => {
    // printf '%s' hugh | openssl dgst -sha256, first 56 hex digits.
    expect(smimeaOwner('hugh@example.com')?.name).toBe('c93f1e400f26708f98cb19d936620da35eec8f72e57f9eec01c1afd6._smimecert.example.com');
  });

  it('keeps the case of the local part, which only the domain loses', () => {
    const lower = smimeaOwner('hugh@example.com')!;
    const upper = smimeaOwner('Hugh@EXAMPLE.com')!;
    expect(upper.domain).toBe('example.com');
    expect(upper.name.split('.')[0]).not.toBe(lower.name.split('.')[0]);
  });

  it('hashes a quoted local part in its unquoted form', () => {
    expect(smimeaOwner('"hugh"@example.com')?.name).toBe(smimeaOwner('hugh@example.com')?.name);
    expect(unquoteLocalPart('"john\\"doe"')).toBe('john"doe');
    expect(unquoteLocalPart('john.doe')).toBe('john.doe');
  });

  it('hashes a non-ASCII local part as UTF-8 and asks for the domain in A-labels', () => {
    const owner = smimeaOwner('jörg@bücher.example')!;
    expect(owner.domain).toBe('xn--bcher-kva.example');
    // printf '%s' jörg | openssl dgst -sha256 (UTF-8 input).
    expect(owner.name).toBe('12c433a0914cf916178d99b922892cd3280438b675c139c3807325e8._smimecert.xn--bcher-kva.example');
  });

  it('gives no name for what is not an address with a mail domain', () => {
    for (const input of ['', 'hugh', '@example.com', 'hugh@', 'hugh@[127.0.0.1]', 'hugh@localhost']) {
      expect(smimeaOwner(input)).toBeNull();
    }
  });
});
