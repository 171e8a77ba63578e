/**
 * The resolvers to ask when none is configured: the system's, as Node read them from
 * /etc/resolv.conf (or the platform's equivalent). Only their addresses are taken; the questions
 * still go through Sealmail's own client, which needs the DO bit and the AD answer that Node's
 * resolver does not expose.
 */
import { getServers } from 'node:dns';
import { isIP } from 'node:net';
import type { ResolverAddress } from './dns-exchange';

/** Parses `dns.getServers()` entries: "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353". */
export function parseServerEntry(entry: string): ResolverAddress | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return address(bracketed[1]!, bracketed[2]);
  if (isIP(entry) !== 0) return address(entry, undefined);
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  return hostPort ? address(hostPort[1]!, hostPort[2]) : null;
}

function address(host: string, port: string | undefined): ResolverAddress | null {
  const number = port === undefined ? 53 : Number(port);
  if (isIP(host) === 0 || !Number.isInteger(number) || number < 1 || number > 65535) return null;
  return { host, port: number };
}

export function systemResolvers(servers: readonly string[] = getServers()): ResolverAddress[] {
  return servers.map(parseServerEntry).filter((server): server is ResolverAddress => server !== null);
}
