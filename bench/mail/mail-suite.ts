/** The mail store and sync suite as `npm run bench` runs it: full sizes, or tiny ones with --small. */
import type { BenchSuite } from '../figure';
import { benchServers } from './bench-servers';
import { runMailBench } from './mail-bench';

export const mailSuite: BenchSuite = {
  name: 'mail store and sync',
  async run({ small, log }) {
    const { servers, stop } = await benchServers();
    try {
      return await runMailBench(servers, small ? { syncFolder: 300, largeFolder: 600 } : { syncFolder: 50_000, largeFolder: 100_000 }, log);
    } finally {
      await stop();
    }
  },
};
