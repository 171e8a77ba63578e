/**
 * Finds the IMAP and submission servers for an address without ever proposing plaintext, in this
 * order per protocol: RFC 6186 SRV records, the autoconfig document over HTTPS
 * (`autoconfig.<domain>`, then `<domain>/.well-known/autoconfig/`), then guessed host names on the
 * implicit-TLS ports, each guess accepted only after a verified TLS handshake that sends nothing.
 */
import { Resolver } from 'node:dns/promises';
import { SealmailError } from '../../../shared/errors';
import type { DiscoveredEndpoint, DiscoveredSettings, DiscoverySource, MailProtocol } from '../../../shared/transport-types';
import { parseAutoconfig } from './autoconfig-xml';
import type { TextFetcher } from './https-fetch';
import { srvCandidates, type SrvResolver } from './srv-records';

/** True when a TLS handshake with the endpoint succeeds under the connection policy. */
export type TlsProbe = (protocol: MailProtocol, endpoint: DiscoveredEndpoint) => Promise<boolean>;

export interface DiscoveryDependencies {
  resolveSrv: SrvResolver;
  fetchText: TextFetcher;
  probe: TlsProbe;
  /** RFC 8314 ports for guesses; a test may point them at its fixtures. */
  guessPorts?: { imap: number; smtp: number };
}

/** Node's resolver, optionally asking given servers (e.g. '127.0.0.1:5353') instead of the system's. */
export function dnsSrvResolver(servers?: string[]): SrvResolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers) resolver.setServers(servers);
  return async (name) => {
    try {
      return await resolver.resolveSrv(name);
    } catch {
      return [];
    }
  };
}

export class ServerDiscovery {
  constructor(private readonly deps: DiscoveryDependencies) {}

  /**
   * The servers for `address`, each from the first source that has one. Throws NOT_FOUND, in
   * words, when a protocol has no server that could be used securely.
   */
  async discover(address: string): Promise<DiscoveredSettings> {
    const domain = (address.split('@')[1] ?? '').toLowerCase();
    if (!domain) throw new SealmailError('INVALID_INPUT', 'Enter an address like name@example.com.');
    const discarded: string[] = [];
    const found: Partial<Record<MailProtocol, { endpoint: DiscoveredEndpoint; source: DiscoverySource }>> = {};
    let oauth2 = false;

    for (const protocol of ['imap', 'smtp'] as const) {
      const [first] = await srvCandidates(protocol, domain, this.deps.resolveSrv);
      if (first) found[protocol] = { endpoint: first, source: 'srv' };
    }
    if (!found.imap || !found.smtp) {
      const autoconfig = await this.autoconfig(address, domain);
      discarded.push(...autoconfig.discarded);
      for (const protocol of ['imap', 'smtp'] as const) {
        const [first] = autoconfig[protocol];
        if (!found[protocol] && first) found[protocol] = { endpoint: first, source: 'autoconfig' };
      }
      oauth2 = found.imap?.source === 'autoconfig' && autoconfig.oauth2;
    }
    for (const protocol of ['imap', 'smtp'] as const) {
      if (found[protocol]) continue;
      const guess = await this.guess(protocol, domain);
      if (guess) found[protocol] = { endpoint: guess, source: 'guess' };
    }

    const { imap, smtp } = found;
    if (!imap || !smtp) {
      const missing = [!imap && 'IMAP', !smtp && 'SMTP'].filter(Boolean).join(' and ');
      throw new SealmailError('NOT_FOUND', `Sealmail could not find ${missing} servers with TLS for ${domain}. Enter them by hand; your provider's help pages list them.`);
    }
    const confirm = [imap, smtp]
      .filter(({ endpoint, source }) => source === 'srv' && !withinDomain(endpoint.host, domain))
      .map(({ endpoint }) => `${endpoint.host} is not part of ${domain}; DNS named it, and DNS answers can be forged. Check that it is your provider's server before adding the account.`);
    return { imap: imap.endpoint, smtp: smtp.endpoint, source: { imap: imap.source, smtp: smtp.source }, discarded, confirm: [...new Set(confirm)], oauth2 };
  }

  private async autoconfig(address: string, domain: string) {
    const urls = [
      `https://autoconfig.${domain}/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`,
      `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`,
    ];
    const discarded: string[] = [];
    for (const url of urls) {
      const xml = await this.deps.fetchText(url);
      if (!xml) continue;
      const servers = parseAutoconfig(xml, address);
      discarded.push(...servers.discarded);
      if (servers.imap.length > 0 || servers.smtp.length > 0) return { ...servers, discarded };
    }
    return { imap: [], smtp: [], discarded, oauth2: false };
  }

  private async guess(protocol: MailProtocol, domain: string): Promise<DiscoveredEndpoint | null> {
    const port = this.deps.guessPorts?.[protocol] ?? (protocol === 'imap' ? 993 : 465);
    const hosts = protocol === 'imap' ? [`imap.${domain}`, `mail.${domain}`, domain] : [`smtp.${domain}`, `mail.${domain}`, domain];
    for (const host of hosts) {
      const endpoint: DiscoveredEndpoint = { host, port, security: 'tls' };
      if (await this.deps.probe(protocol, endpoint).catch(() => false)) return endpoint;
    }
    return null;
  }
}

function withinDomain(host: string, domain: string): boolean {
  const name = host.toLowerCase();
  return name === domain || name.endsWith(`.${domain}`);
}
