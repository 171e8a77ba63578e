/**
 * `npm run bench`: speed and memory figures, each measured against a baseline in the same run.
 * The figures arrive with the issues that own them (sync, search, S/MIME); until then this says so.
 */
const json = process.argv.includes('--json');
const results: { name: string; value: number; unit: string; baseline: number; ratio: number }[] = [];
if (json) console.log(JSON.stringify(results));
else console.log('No benchmarks yet: they arrive with the store, sync and S/MIME work.');
