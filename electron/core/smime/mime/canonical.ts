/** Canonical form for signing (RFC 8551 §3.1.1): CRLF line ends; base64 in 76-column lines. */

/** Turns bare LF into CRLF, leaving existing CRLF alone. */
export function toCanonicalCrlf(bytes: Buffer): Buffer {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    if (i > 0 && bytes[i - 1] === 0x0d) continue;
    pieces.push(bytes.subarray(from, i), CRLF);
    from = i + 1;
  }
  if (pieces.length === 0) return bytes;
  pieces.push(bytes.subarray(from));
  return Buffer.concat(pieces);
}

const CRLF = Buffer.from('\r\n');

export function hasBareLf(bytes: Buffer): boolean {
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) if (i === 0 || bytes[i - 1] !== 0x0d) return true;
  return false;
}

export function wrapBase64(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}
