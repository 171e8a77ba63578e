/**
 * Content-Transfer-Encoding (RFC 2045 §6): decodes a part's body to its octets. Base64 is read
 * strictly: a truncated or corrupted block is an error with a reason, never silently shortened data
 * handed to the CMS parser.
 */
import { headerValue, type RawEntity } from './raw-entity';

export class TransferEncodingError extends Error {}

export function decodeBody(entity: RawEntity): Buffer {
  const encoding = (headerValue(entity.headers, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'base64') return decodeBase64Strict(entity.body);
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(entity.body);
  return entity.body;
}

export function decodeBase64Strict(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/[\r\n\t ]+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new TransferEncodingError('its base64 contains characters that are not base64');
  if (text.length % 4 !== 0) throw new TransferEncodingError('its base64 is truncated');
  return Buffer.from(text, 'base64');
}

export function decodeQuotedPrintable(body: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const byte = body[i]!;
    if (byte !== 0x3d) {
      out.push(byte);
      continue;
    }
    // Soft line break: "=" at the end of a line (optionally followed by white space).
    let j = i + 1;
    while (body[j] === 0x20 || body[j] === 0x09) j++;
    if (body[j] === 0x0d && body[j + 1] === 0x0a) {
      i = j + 1;
      continue;
    }
    if (body[j] === 0x0a) {
      i = j;
      continue;
    }
    const hex = body.subarray(i + 1, i + 3).toString('latin1');
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(byte);
    }
  }
  return Buffer.from(out);
}
