/** A name lookup that resolves every host name to 127.0.0.1, so tests can use real names and never leave the machine. */
import type { LookupFunction } from 'node:net';

export const loopbackLookup: LookupFunction = (_hostname, options, callback) => {
  if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};
