/**
 * A DNS script from a table of names, as a validating resolver would answer for them: records per
 * type, AD for names in signed zones, SERVFAIL for bogus ones (with their data only when CD is
 * set), NXDOMAIN for names not in the table, NOERROR without records for types a name lacks.
 */
import type { Answer, TlsaData } from 'dns-packet';
import type { DnsScript, ScriptedAnswer } from './scripted-dns';

export interface ZoneName {
  MX?: { preference: number; exchange: string }[];
  TXT?: string[];
  A?: string[];
  AAAA?: string[];
  TLSA?: TlsaData[];
  /** In a signed zone, so the resolver sets AD. */
  signed?: boolean;
  /** Types whose signatures do not verify. */
  bogus?: ('MX' | 'TXT' | 'A' | 'AAAA' | 'TLSA')[];
  /** Delay every answer for this name. */
  delayMs?: number;
  /** Override the whole answer for a type (garbage, silence, truncation...). */
  scripted?: Partial<Record<'MX' | 'TXT' | 'A' | 'AAAA' | 'TLSA', ScriptedAnswer>>;
}

export type Zone = Record<string, ZoneName>;

export function zoneScript(zone: Zone, defaults: { delayMs?: number } = {}): DnsScript {
  const table = new Map(Object.entries(zone).map(([name, entry]) => [name.toLowerCase(), entry]));
  return (query) => {
    const name = query.name.toLowerCase();
    const entry = table.get(name);
    const delayMs = entry?.delayMs ?? defaults.delayMs;
    const timing = delayMs !== undefined ? { delayMs } : {};
    if (!entry) return { rcode: 'NXDOMAIN', ...timing };
    const type = query.type as keyof NonNullable<ZoneName['scripted']>;
    const scripted = entry.scripted?.[type];
    if (scripted) return { ...timing, ...scripted };
    const answers = recordsOf(query.name, type, entry);
    if (entry.bogus?.includes(type)) {
      return query.checkingDisabled ? { answers, ...timing } : { rcode: 'SERVFAIL', ...timing };
    }
    return { answers, authenticData: entry.signed === true, ...timing };
  };
}

function recordsOf(name: string, type: string, entry: ZoneName): Answer[] {
  switch (type) {
    case 'MX':
      return (entry.MX ?? []).map((data) => ({ type: 'MX', name, ttl: 300, data }));
    case 'TXT':
      return (entry.TXT ?? []).map((text) => ({ type: 'TXT', name, ttl: 300, data: [text] }));
    case 'A':
      return (entry.A ?? []).map((data) => ({ type: 'A', name, ttl: 300, data }));
    case 'AAAA':
      return (entry.AAAA ?? []).map((data) => ({ type: 'AAAA', name, ttl: 300, data }));
    case 'TLSA':
      return (entry.TLSA ?? []).map((data) => ({ type: 'TLSA', name, ttl: 300, data }));
    default:
      return [];
  }
}

/** A DANE-EE SPKI SHA-256 record (3 1 1), the common SMTP one. */
export function daneEe(hex = 'ab'.repeat(32)): TlsaData {
  return { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from(hex, 'hex') };
}
