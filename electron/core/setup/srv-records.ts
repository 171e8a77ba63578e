/**
 * RFC 6186 service records, with RFC 8314's implicit-TLS names first: `_imaps._tcp` and
 * `_submissions._tcp` (TLS from the first byte), then `_imap._tcp` and `_submission._tcp`, which
 * Sealmail uses only with STARTTLS required. A target of "." means "no such service" (§3.4).
 */
import type { DiscoveredEndpoint, MailProtocol } from '../../../shared/transport-types';

export interface SrvRecord {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

/** Looks up SRV records; resolves to [] when there are none. */
export type SrvResolver = (name: string) => Promise<SrvRecord[]>;

const SERVICES: Record<MailProtocol, { service: string; security: DiscoveredEndpoint['security'] }[]> = {
  imap: [
    { service: '_imaps._tcp', security: 'tls' },
    { service: '_imap._tcp', security: 'starttls' },
  ],
  smtp: [
    { service: '_submissions._tcp', security: 'tls' },
    { service: '_submission._tcp', security: 'starttls' },
  ],
};

/** Lowest priority first, then heaviest weight (a fixed order is enough for one client). */
function byPreference(a: SrvRecord, b: SrvRecord): number {
  return a.priority - b.priority || b.weight - a.weight;
}

export async function srvCandidates(protocol: MailProtocol, domain: string, resolve: SrvResolver): Promise<DiscoveredEndpoint[]> {
  const found: DiscoveredEndpoint[] = [];
  for (const { service, security } of SERVICES[protocol]) {
    const records = await resolve(`${service}.${domain}`).catch(() => []);
    for (const record of [...records].sort(byPreference)) {
      const host = record.name.replace(/\.$/, '');
      if (host === '' || record.port === 0) continue;
      found.push({ host, port: record.port, security });
    }
  }
  return found;
}
