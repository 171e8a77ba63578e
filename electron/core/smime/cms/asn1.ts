/** Small helpers around asn1js: strict DER/BER decoding that throws a readable error. */
import * as asn1js from 'asn1js';

export class CmsFormatError extends Error {}

/** Decodes exactly one ASN.1 value filling the whole buffer; anything else is an error. */
export function decodeAsn1(bytes: Uint8Array, what: string): asn1js.AsnType {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const result = asn1js.fromBER(view);
  if (result.offset === -1) throw new CmsFormatError(`${what} is not valid ASN.1 (${result.result.error || 'unreadable'})`);
  if (result.offset !== view.byteLength) throw new CmsFormatError(`${what} has ${view.byteLength - result.offset} stray bytes after its end`);
  return result.result;
}

export function toBuffer(value: ArrayBuffer | ArrayBufferView): Buffer {
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

interface OctetsLike {
  idBlock?: { isConstructed?: boolean };
  valueBlock: { isConstructed?: boolean; value?: unknown; valueHexView: Uint8Array };
}

/** An OCTET STRING's bytes; in BER it may be constructed from pieces (and [0] IMPLICIT in CMS). */
export function collectOctets(value: OctetsLike, depth = 0): Buffer {
  const pieces = value.valueBlock.value;
  if ((value.idBlock?.isConstructed || value.valueBlock.isConstructed) && Array.isArray(pieces)) {
    if (depth > 8) throw new CmsFormatError('an octet string is nested too deeply');
    return Buffer.concat(pieces.map((piece) => collectOctets(piece as OctetsLike, depth + 1)));
  }
  return toBuffer(value.valueBlock.valueHexView);
}
