/**
 * How long a share link takes to restore: train Occupancy's datatraining.txt for 10 epochs in a
 * controller, take its state, and time a fresh controller's replay of it to the same position (the work
 * a browser does when the link opens, minus drawing). Run: npx tsx bench/restore.ts
 */
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadCsvText } from '../src/data';
import { LabController } from '../src/lab/controller';

const dir = process.env.OCCUPANCY_DIR ?? resolve(import.meta.dirname, '../../shared/data/occupancy');
const path = resolve(dir, 'datatraining.txt');
if (!existsSync(path)) {
  console.log(`restore bench skipped: ${path} not found (set OCCUPANCY_DIR)`);
  process.exit(0);
}
const table = loadCsvText(readFileSync(path, 'utf8'), { name: 'datatraining.txt' });
const file = { table, ref: { name: 'datatraining.txt', rows: table.rowCount, sha256: '0'.repeat(64) } };
const now = () => performance.now();

const source = new LabController({ now });
source.start();
source.uploadTraining(file);
for (let e = 0; e < 10; e++) source.stepEpoch();
const state = source.state();
console.log(`state: ${state.position.updates} updates (epoch ${source.getView().counters.epoch})`);

const times: number[] = [];
for (let run = 0; run < 5; run++) {
  const target = new LabController({ now });
  target.start();
  const t0 = now();
  target.open(state, 'link', { training: file });
  while (target.getView().restoring) target.advanceRestore(12);
  times.push(now() - t0);
  if (target.getView().counters.label !== source.getView().counters.label) throw new Error('replay did not reach the same position');
}
times.sort((a, b) => a - b);
console.log(`replay to epoch 10 (${state.position.updates} updates): median ${times[2].toFixed(0)} ms, min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)} (5 runs)`);
