/**
 * A scripted loopback resolver for the SMIMEA tests: per address, the SMIMEA rdata it publishes
 * and how a validating resolver would answer (secure with AD, insecure without, bogus as SERVFAIL
 * with the data only under CD). Names not in the table are NXDOMAIN, other types NODATA.
 */
import type { Answer } from 'dns-packet';
import { DnsClient } from '../../transport-policy/dns-client';
import { SMIMEA_TYPE } from '../../transport-policy/dns-wire';
import { startScriptedDns, type DnsScript, type ScriptedAnswer, type ScriptedDns } from '../../transport-policy/testing/scripted-dns';
import { smimeaOwner } from '../smimea-name';
import { encodeSmimeaRdata, type SmimeaRecord } from '../smimea-record';

export interface SmimeaZoneEntry {
  records: (SmimeaRecord | Buffer)[];
  dnssec: 'secure' | 'insecure' | 'bogus';
  /** Overrides the answer (silence, garbage, SERVFAIL...). */
  scripted?: ScriptedAnswer;
}

/** A whole-certificate record (usage selector 0 matching type 0). */
export const wholeCertificate = (usage: number, der: Buffer): SmimeaRecord => ({ usage, selector: 0, matchingType: 0, data: der });

export function smimeaScript(zone: Record<string, SmimeaZoneEntry>): DnsScript {
  const table = new Map(Object.entries(zone).map(([address, entry]) => [smimeaOwner(address)!.name, entry]));
  return (query): ScriptedAnswer => {
    const entry = table.get(query.name.toLowerCase());
    if (!entry) return { rcode: 'NXDOMAIN', authenticData: true };
    if (entry.scripted) return entry.scripted;
    const answers = query.type === SMIMEA_TYPE
      ? entry.records.map((record) => ({
        type: SMIMEA_TYPE, name: query.name, ttl: 300, data: Buffer.isBuffer(record) ? record : encodeSmimeaRdata(record),
      }) as unknown as Answer)
      : [];
    if (entry.dnssec === 'bogus') return query.checkingDisabled ? { answers } : { rcode: 'SERVFAIL' };
    return { answers, authenticData: entry.dnssec === 'secure' };
  };
}

/** The scripted resolver on 127.0.0.1 and a DnsClient asking only it. */
export async function startSmimeaDns(zone: Record<string, SmimeaZoneEntry>, timeoutMs = 2_000): Promise<{ server: ScriptedDns; dns: DnsClient }> {
  const server = await startScriptedDns(smimeaScript(zone));
  return { server, dns: new DnsClient({ resolvers: [server.resolver], timeoutMs }) };
}
