/**
 * Reads Thunderbird's autoconfig format (config-v1.1.xml) far enough to take IMAP and SMTP servers
 * from it. Only `SSL` (implicit TLS) and `STARTTLS` (then required) are kept; `plain` and anything
 * unknown is discarded and reported, never used.
 */
import { endpointInput } from '../../../shared/inputs';
import type { DiscoveredEndpoint, MailProtocol } from '../../../shared/transport-types';

export interface AutoconfigServers {
  imap: DiscoveredEndpoint[];
  smtp: DiscoveredEndpoint[];
  discarded: string[];
  /** The first IMAP server names OAuth2 among its <authentication> methods (Microsoft 365, Gmail). */
  oauth2: boolean;
}

const BLOCK = {
  imap: /<incomingServer\b[^>]*\btype\s*=\s*["']imap["'][^>]*>([\s\S]*?)<\/incomingServer>/gi,
  smtp: /<outgoingServer\b[^>]*\btype\s*=\s*["']smtp["'][^>]*>([\s\S]*?)<\/outgoingServer>/gi,
};

function field(block: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(block);
  return decodeEntities(match?.[1] ?? '').trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

export function parseAutoconfig(xml: string, address: string): AutoconfigServers {
  const [localPart = '', domain = ''] = address.split('@');
  const result: AutoconfigServers = { imap: [], smtp: [], discarded: [], oauth2: false };
  for (const protocol of ['imap', 'smtp'] as MailProtocol[]) {
    for (const [, block = ''] of xml.matchAll(BLOCK[protocol])) {
      const host = field(block, 'hostname').replace(/%EMAILDOMAIN%/g, domain).replace(/%EMAILLOCALPART%/g, localPart);
      const socketType = field(block, 'socketType').toUpperCase();
      const security = socketType === 'SSL' || socketType === 'TLS' ? 'tls' : socketType === 'STARTTLS' ? 'starttls' : null;
      const endpoint = endpointInput.safeParse({ host, port: Number(field(block, 'port')), security: security ?? 'tls' });
      if (!security) {
        result.discarded.push(`autoconfig offered ${protocol.toUpperCase()} at ${host} without TLS (${socketType.toLowerCase() || 'no socket type'}); ignored`);
      } else if (!endpoint.success) {
        result.discarded.push(`autoconfig gave an unusable ${protocol.toUpperCase()} server (${host.slice(0, 80)}); ignored`);
      } else {
        if (protocol === 'imap' && result.imap.length === 0) result.oauth2 = /<authentication>\s*OAuth2\s*<\/authentication>/i.test(block);
        result[protocol].push({ host: endpoint.data.host, port: endpoint.data.port, security });
      }
    }
  }
  return result;
}
