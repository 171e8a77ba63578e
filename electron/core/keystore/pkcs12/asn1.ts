/** Small helpers over asn1js for walking PKCS#12 structures without a class per type. */
import * as asn1js from 'asn1js';

export type Node = asn1js.AsnType;

export class Pkcs12FormatError extends Error {}

export function parseDer(bytes: Uint8Array): Node {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1) throw new Pkcs12FormatError(parsed.result.error || 'not DER');
  return parsed.result;
}

export function children(node: Node): Node[] {
  const value = (node as asn1js.Sequence).valueBlock?.value;
  if (!Array.isArray(value)) throw new Pkcs12FormatError('expected a constructed value');
  return value as Node[];
}

export function child(node: Node, index: number): Node {
  const found = children(node)[index];
  if (!found) throw new Pkcs12FormatError('a required field is missing');
  return found;
}

export function optionalChild(node: Node, index: number): Node | undefined {
  return children(node)[index];
}

export function oid(node: Node): string {
  if (!(node instanceof asn1js.ObjectIdentifier)) throw new Pkcs12FormatError('expected an object identifier');
  return node.valueBlock.toString();
}

export function integer(node: Node): number {
  if (!(node instanceof asn1js.Integer)) throw new Pkcs12FormatError('expected an integer');
  return node.valueBlock.valueDec;
}

/** The bytes of an OCTET STRING or an implicitly tagged one, primitive or constructed (BER). */
export function octets(node: Node): Buffer {
  const block = (node as asn1js.OctetString).valueBlock as unknown as { isConstructed?: boolean; value?: Node[]; valueHexView?: Uint8Array };
  const constructed = (node as asn1js.BaseBlock).idBlock.isConstructed;
  if (constructed && Array.isArray(block.value)) return Buffer.concat(block.value.map(octets));
  if (block.valueHexView) return Buffer.from(block.valueHexView);
  throw new Pkcs12FormatError('expected an octet string');
}

/** The inner value of an explicit [n] tag. */
export function explicit(node: Node): Node {
  return child(node, 0);
}

/** The DER of a node exactly as it appeared in the input. */
export function encoded(node: Node): Buffer {
  return Buffer.from((node as asn1js.BaseBlock).valueBeforeDecodeView);
}
