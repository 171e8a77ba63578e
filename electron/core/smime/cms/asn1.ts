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
