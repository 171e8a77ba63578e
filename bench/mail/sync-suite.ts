/** The sync suite as `npm run bench` runs it (`--only sync`): a 50,000-message folder synced 5 times, or a tiny one once with --small. */
import type { BenchSuite } from '../figure';
import { benchServers } from './bench-servers';
import { runSyncBench } from './sync-bench';

export const syncSuite: BenchSuite = {
  name: 'sync',
  async run({ small, log }) {
    const { servers, own, stop } = await benchServers();
    try {
      return await runSyncBench(servers, own, small ? 300 : 50_000, small ? 1 : 5, log);
    } finally {
      await stop();
    }
  },
};
