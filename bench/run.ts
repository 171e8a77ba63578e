/**
 * `npm run bench`: speed and memory figures, each measured against a baseline in the same run.
 * A dispatcher only: each suite (mail store and sync, UI, S/MIME…) lives in its own folder and is
 * listed in bench/suites.ts.
 *
 *   --json          print one JSON array of { name, value, unit, baseline, ratio }
 *   --small         tiny sizes (what `npm test` runs so the benchmarks cannot rot)
 *   --only NAME     run the suites whose name contains NAME
 */
import { parseArgs } from 'node:util';
import type { Figure } from './figure';
import { SUITES } from './suites';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, small: { type: 'boolean', default: false }, only: { type: 'string' } } });
const log = (line: string) => {
  if (!values.json) console.log(line);
  else console.error(line);
};

const figures: Figure[] = [];
for (const suite of SUITES) {
  if (values.only && !suite.name.includes(values.only)) continue;
  log(`# ${suite.name}`);
  figures.push(...(await suite.run({ small: values.small, log })));
}

if (values.json) {
  console.log(JSON.stringify(figures.map(({ name, value, unit, baseline, ratio }) => ({ name, value, unit, baseline, ratio }))));
} else {
  console.log('\n| figure | value | baseline (same run) | ratio | target |\n|---|---|---|---|---|');
  for (const f of figures) console.log(`| ${f.name} | ${f.value} ${f.unit} | ${f.baseline} ${f.unit} | ${f.ratio} | ${f.target ?? ''} |`);
}
process.exit(0);
