/**
 * A small loopback world for transport-policy tests and the benchmark: a scripted validating
 * resolver serving a zone table, and a policy HTTPS server whose certificate comes from a test
 * authority the service is told to trust. Policy hosts get an A record for 127.0.0.1 unless the
 * zone gives them one, so the service finds them through its own DNS client.
 */
import { makeTestAuthority } from '../../testing/test-certificates';
import { TransportPolicyService, type TransportPolicyOptions } from '../transport-policy-service';
import { startPolicyServer, type PolicyRoute, type PolicyServer } from './policy-server';
import { startScriptedDns, type ScriptedDns } from './scripted-dns';
import { zoneScript, type Zone } from './zone-script';

export interface PolicyWorld {
  dns: ScriptedDns;
  https: PolicyServer;
  caPem: string;
  /** A service asking this world's resolver and trusting its CA; `overrides` win. */
  service(overrides?: Partial<TransportPolicyOptions>): TransportPolicyService;
  close(): Promise<void>;
}

export const FIXED_CLOCK = { now: () => new Date('2026-03-01T12:00:00Z') };

export async function startPolicyWorld(zone: Zone, routes: Record<string, PolicyRoute | string>, options: { delayMs?: number } = {}): Promise<PolicyWorld> {
  const authority = makeTestAuthority();
  const hosts = Object.keys(routes);
  const tls = authority.issue({ names: hosts.length > 0 ? hosts.map((host) => `DNS:${host}`).join(',') : 'DNS:localhost' });
  const fullZone: Zone = { ...zone };
  for (const host of hosts) fullZone[host] ??= { A: ['127.0.0.1'] };
  const dns = await startScriptedDns(zoneScript(fullZone, options));
  const https = await startPolicyServer(tls, routes);
  return {
    dns,
    https,
    caPem: authority.caPem,
    service: (overrides = {}) =>
      new TransportPolicyService({
        resolvers: [dns.resolver],
        trust: { extraTrustAnchors: [authority.caPem] },
        clock: FIXED_CLOCK,
        timeoutMs: 8_000,
        httpsPort: https.port,
        ...overrides,
      }),
    close: async () => {
      await Promise.all([dns.close(), https.close()]);
    },
  };
}
