/**
 * SMIMECapabilities (RFC 8551 §2.5.2): what Sealmail advertises in every signature, and how a
 * received list is read back to choose how to encrypt to its sender (RFC 8551 §2.7.1).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids';

/** What the sender of a signed message says it can decrypt. */
export interface RecipientCapabilities {
  aesGcm: boolean;
  rsaOaep: boolean;
}

/** RSAES-OAEP-params for SHA-256 with MGF1-SHA-256 (RFC 4055 §4.1). */
export function oaepSha256Params(): asn1js.Sequence {
  const sha256 = new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });
  return new asn1js.Sequence({
    value: [
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [sha256.toSchema()] }),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.mgf1, algorithmParams: sha256.toSchema() }).toSchema()],
      }),
    ],
  });
}

/** Strongest first, as RFC 8551 asks: GCM, then CBC, then the key transports. */
export function sealmailCapabilities(): asn1js.Sequence {
  const capability = (oid: string, params?: asn1js.AsnType) =>
    new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), ...(params ? [params] : [])] });
  return new asn1js.Sequence({
    value: [
      capability(OID.aes256Gcm),
      capability(OID.aes128Gcm),
      capability(OID.aes256Cbc),
      capability(OID.aes192Cbc),
      capability(OID.aes128Cbc),
      capability(OID.rsaOaep, oaepSha256Params()),
      capability(OID.rsaEncryption),
    ],
  });
}

/** Reads an smimeCapabilities attribute value; unknown entries are ignored. */
export function readCapabilities(value: asn1js.AsnType | undefined): RecipientCapabilities | null {
  if (!(value instanceof asn1js.Sequence)) return null;
  const oids = value.valueBlock.value
    .map((entry) => (entry instanceof asn1js.Sequence ? entry.valueBlock.value[0] : undefined))
    .filter((oid): oid is asn1js.ObjectIdentifier => oid instanceof asn1js.ObjectIdentifier)
    .map((oid) => oid.valueBlock.toString());
  return { aesGcm: oids.includes(OID.aes256Gcm), rsaOaep: oids.includes(OID.rsaOaep) };
}
