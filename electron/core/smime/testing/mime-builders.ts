/** Builds hostile MIME structures for the attack tests, with CRLF line ends. */

export function part(headers: string[], body: string | Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);
}

export function multipart(subtype: string, parts: Buffer[], options: { boundary?: string; extraParams?: string; preamble?: string; epilogue?: string } = {}): Buffer {
  const boundary = options.boundary ?? `b-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [Buffer.from(`Content-Type: multipart/${subtype}; boundary="${boundary}"${options.extraParams ?? ''}\r\n\r\n${options.preamble ?? ''}`)];
  for (const p of parts) chunks.push(Buffer.from(`\r\n--${boundary}\r\n`), p);
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n${options.epilogue ?? ''}`));
  return Buffer.concat(chunks);
}

/** Puts message headers before an entity. */
export function message(headers: string[], entity: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\nMIME-Version: 1.0\r\n`), entity]);
}

/** The entity of a signed message: everything after its outer header fields (From, To, ...). */
export function entityOf(signedMessage: Buffer): Buffer {
  const at = signedMessage.indexOf('Content-Type: multipart/signed');
  return signedMessage.subarray(at);
}
