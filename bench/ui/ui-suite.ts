/** The UI suite as `npm run bench` runs it: 100,000 rows, or a few thousand with --small. */
import type { BenchSuite } from '../figure';
import { runUiBench } from './ui-bench';

export const uiSuite: BenchSuite = {
  name: 'message list in Chromium',
  run: ({ small, log }) => runUiBench(small ? { rows: 2000, frames: 30, runs: 1 } : { rows: 100_000, frames: 300, runs: 3 }, log),
};
