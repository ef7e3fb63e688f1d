/**
 * npm run bench (second part): how long the data layer takes to parse and type a 200,000-row × 6-column
 * CSV and to build the dataset from it (split, normalisation), in Node. The browser runs the same
 * functions in a Web Worker; e2e/data.spec.ts loads such a file through the page.
 */
import { buildDataset, DEFAULT_DATA_SETTINGS, loadCsvText } from '../src/data/index';
import { bigCsv } from '../src/data/testing/bigCsv';

const ROWS = 200_000;
const RUNS = 5;

const text = bigCsv(ROWS);
const parse: number[] = [];
const build: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const table = loadCsvText(text, { name: 'big.csv' });
  const t1 = performance.now();
  buildDataset(table, DEFAULT_DATA_SETTINGS, { seed: 1 });
  const t2 = performance.now();
  parse.push(t1 - t0);
  build.push(t2 - t1);
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`\nData: ${ROWS.toLocaleString('en-US')} rows × 6 columns (${(text.length / 1e6).toFixed(1)} MB), median of ${RUNS} runs`);
console.log(`  parse + type columns   ${median(parse).toFixed(0)} ms   (min ${Math.min(...parse).toFixed(0)})`);
console.log(`  build dataset          ${median(build).toFixed(0)} ms   (min ${Math.min(...build).toFixed(0)})`);
