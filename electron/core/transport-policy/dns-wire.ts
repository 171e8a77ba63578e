/**
 * DNS messages on the wire (RFC 1035 §4), through dns-packet: the query Sealmail sends and the
 * checks an answer must pass before anything in it is read.
 */
import { randomInt } from 'node:crypto';
import dnsPacket, { type Answer, type DecodedPacket, type RecordType } from 'dns-packet';

/** RFC 8906 / DNS flag day 2020: 1232 bytes fits any path without IP fragmentation. */
export const EDNS_UDP_PAYLOAD = 1232;

/**
 * SMIMEA (RFC 8162 §8: RR type 53), which dns-packet 5 has no name for: it encodes and decodes the
 * type as 'UNKNOWN_53' and hands the rdata over as a raw Buffer, which electron/core/smimea reads.
 */
export const SMIMEA_TYPE = 'UNKNOWN_53' as RecordType;

export interface WireQuestion {
  name: string;
  type: RecordType;
}

export interface WireQuery extends WireQuestion {
  id: number;
  /** RFC 4035 §3.2.2: CD asks a validating resolver to hand over data it could not validate. */
  checkingDisabled: boolean;
}

/** A decoded answer, reduced to what the client uses. */
export interface WireAnswer {
  id: number;
  rcode: string;
  truncated: boolean;
  authenticData: boolean;
  answers: Answer[];
}

/** A fresh query with a random id (RFC 5452 §9.2: ids must not be guessable). */
export function newQuery(question: WireQuestion, checkingDisabled = false): WireQuery {
  return { ...question, id: randomInt(0, 0x10000), checkingDisabled };
}

/**
 * RD set; EDNS0 (RFC 6891) with a 1232-byte UDP payload and the DO bit (RFC 3225), so that a
 * validating resolver sets AD on what it validated; CD only for the bogus check.
 */
export function encodeQuery(query: WireQuery): Buffer {
  return dnsPacket.encode({
    type: 'query',
    id: query.id,
    flags: dnsPacket.RECURSION_DESIRED | (query.checkingDisabled ? dnsPacket.CHECKING_DISABLED : 0),
    questions: [{ name: query.name, type: query.type, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_PAYLOAD, extendedRcode: 0, ednsVersion: 0, flags: dnsPacket.DNSSEC_OK, flag_do: true, options: [] }],
  });
}

/** The decoded message, or null when the bytes are not DNS. */
export function decodeMessage(bytes: Buffer): DecodedPacket | null {
  try {
    return dnsPacket.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Whether `message` answers `query`: a response with the same id and the same question (RFC 5452
 * §9.1; names compare case-insensitively, RFC 4343). Anything else is someone else's datagram.
 */
export function answersQuery(message: DecodedPacket, query: WireQuery): boolean {
  if (message.type !== 'response' || message.id !== query.id) return false;
  const question = message.questions?.[0];
  if (!question || message.questions?.length !== 1) return false;
  return sameName(question.name, query.name) && question.type === query.type;
}

/**
 * A truncated UDP answer may be cut in the middle of a record, so dns-packet cannot decode it: the
 * header alone (id and TC bit, RFC 1035 §4.1.1) is enough to know to ask again over TCP.
 */
export function isTruncatedHeaderFor(bytes: Buffer, query: WireQuery): boolean {
  if (bytes.length < 12) return false;
  const flags = bytes.readUInt16BE(2);
  return bytes.readUInt16BE(0) === query.id && (flags & 0x8000) !== 0 && (flags & dnsPacket.TRUNCATED_RESPONSE) !== 0;
}

export function toWireAnswer(message: DecodedPacket): WireAnswer {
  return {
    id: message.id ?? 0,
    rcode: (message as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR',
    truncated: message.flag_tc,
    authenticData: message.flag_ad,
    answers: (message.answers ?? []).filter((answer) => answer.type !== 'OPT'),
  };
}

export function sameName(a: string, b: string): boolean {
  return a.replace(/\.$/, '').toLowerCase() === b.replace(/\.$/, '').toLowerCase();
}
