/**
 * A `lookup` for https.request that resolves host names through Sealmail's DNS client (A and
 * AAAA), so fetching mta-sts.<domain> asks the same resolver as everything else and never falls
 * back to the system's. Addresses need no DNSSEC here: the TLS certificate authenticates the host.
 */
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { DnsClient } from './dns-client';

export function lookupThrough(dns: DnsClient): LookupFunction {
  return (hostname, options, callback) => {
    const wantAll = (options as { all?: boolean }).all === true;
    const family = (options as { family?: number | string }).family;
    const types: ('A' | 'AAAA')[] = family === 4 || family === 'IPv4' ? ['A'] : family === 6 || family === 'IPv6' ? ['AAAA'] : ['A', 'AAAA'];
    Promise.allSettled(types.map((type) => dns.query(hostname, type)))
      .then((settled) => {
        const addresses: LookupAddress[] = [];
        let firstError: Error | undefined;
        for (const outcome of settled) {
          if (outcome.status === 'rejected') {
            firstError ??= outcome.reason as Error;
            continue;
          }
          for (const answer of outcome.value.answers) {
            if (answer.type === 'A') addresses.push({ address: answer.data, family: 4 });
            else if (answer.type === 'AAAA') addresses.push({ address: answer.data, family: 6 });
          }
        }
        if (addresses.length === 0) {
          const error = Object.assign(firstError ?? new Error(`${hostname} has no address`), { code: 'ENOTFOUND', hostname });
          callback(error, '', 0);
          return;
        }
        if (wantAll) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      })
      .catch((error: Error) => callback(Object.assign(error, { code: 'ENOTFOUND' }), '', 0));
  };
}
