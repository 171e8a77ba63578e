/**
 * The SMIMEA record's rdata, read by hand because dns-packet does not know type 53. RFC 8162 §2.1:
 * the wire format is TLSA's (RFC 6698 §2.1): one octet each of certificate usage, selector and
 * matching type, then the certificate association data to the end of the rdata.
 */

/** RFC 6698 §2.1.1 / RFC 7218 §2.1: what the record vouches for. */
export const USAGE = { pkixTa: 0, pkixEe: 1, daneTa: 2, daneEe: 3 } as const;
export type SmimeaUsage = (typeof USAGE)[keyof typeof USAGE];

export interface SmimeaRecord {
  usage: number;
  /** RFC 6698 §2.1.2: 0 the whole certificate, 1 its SubjectPublicKeyInfo. */
  selector: number;
  /** RFC 6698 §2.1.3: 0 the selected bytes themselves, 1 their SHA-256, 2 their SHA-512. */
  matchingType: number;
  data: Buffer;
}

/** The record in `rdata`, or null when it is too short to be one (three octets and some data). */
export function decodeSmimeaRdata(rdata: Buffer): SmimeaRecord | null {
  if (rdata.length < 4) return null;
  return { usage: rdata[0]!, selector: rdata[1]!, matchingType: rdata[2]!, data: Buffer.from(rdata.subarray(3)) };
}

/** The rdata of a record: the inverse of decodeSmimeaRdata, for test servers and zone files. */
export function encodeSmimeaRdata(record: SmimeaRecord): Buffer {
  return Buffer.concat([Buffer.from([record.usage, record.selector, record.matchingType]), record.data]);
}

/**
 * Only "3 0 0"-like records (selector 0, matching type 0) carry a whole certificate, the one thing
 * a message can be encrypted to; a hash (matching type 1 or 2) or a bare key (selector 1) can only
 * confirm a certificate obtained some other way (RFC 8162 §2.1.1 and §6).
 */
export function carriesWholeCertificate(record: SmimeaRecord): boolean {
  return record.selector === 0 && record.matchingType === 0;
}

export function isKnownUsage(usage: number): usage is SmimeaUsage {
  return usage === 0 || usage === 1 || usage === 2 || usage === 3;
}
