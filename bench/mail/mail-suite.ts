/** The mail store and search suite as `npm run bench` runs it: full sizes, or tiny ones with --small. */
import type { BenchSuite } from '../figure';
import { benchServers } from './bench-servers';
import { runMailBench } from './mail-bench';

export const mailSuite: BenchSuite = {
  name: 'store and search',
  async run({ small, log }) {
    const { servers, stop } = await benchServers();
    try {
      return await runMailBench(servers, small ? { largeFolder: 600, starts: 1 } : { largeFolder: 100_000, starts: 7 }, log);
    } finally {
      await stop();
    }
  },
};
