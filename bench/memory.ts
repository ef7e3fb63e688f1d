/**
 * How the lab's memory grows with training time: a session on a built-in set (2-4-1, batch 10, so
 * that updates are cheap) plays UPDATES updates (default 1,000,000, about 100 hours of a class
 * watching at 3 updates per second, or minutes at full speed), and the JS heap after a full GC is
 * printed every tenth of the run, with the bytes per update between the first and the last tenth.
 * Run: npx tsx --expose-gc bench/memory.ts (npm run bench runs it).
 */
import { DEFAULT_DATA_SETTINGS, datasetFromSettings } from '../src/data';
import { LabSession } from '../src/lab/session';
import { defaultSettings } from '../src/lab/settings';

const UPDATES = Number(process.env.UPDATES ?? 1_000_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('memory bench: run with node --expose-gc (npx tsx --expose-gc bench/memory.ts)');
  process.exit(1);
}
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const dataset = datasetFromSettings({ ...DEFAULT_DATA_SETTINGS }, { uploaded: null, test: null }, 42);
const session = new LabSession(dataset, { ...defaultSettings(), hiddenLayers: [4], batchSize: 10, learningRate: 0.1 });
const marks: { updates: number; bytes: number }[] = [];
const tenth = Math.max(1, Math.floor(UPDATES / 10));
const started = performance.now();
for (let t = 1; t <= UPDATES; t++) {
  if (!session.playBatch()) throw new Error(`memory bench: training stopped at update ${t}: ${session.divergence ?? 'no reason given'}`);
  if (t % tenth === 0) marks.push({ updates: t, bytes: heap() });
}
const seconds = (performance.now() - started) / 1000;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
console.log(`Backprop Lab — heap after a full GC while a session plays ${UPDATES.toLocaleString('en')} updates (${dataset.name}, 2-4-1, batch 10; ${seconds.toFixed(1)} s)`);
for (const m of marks) console.log(`  ${m.updates.toLocaleString('en').padStart(11)} updates  ${mb(m.bytes)}`);
const first = marks[0];
const last = marks[marks.length - 1];
const perUpdate = (last.bytes - first.bytes) / (last.updates - first.updates);
console.log(`  growth ${perUpdate.toFixed(2)} bytes per update from ${first.updates.toLocaleString('en')} to ${last.updates.toLocaleString('en')} updates`);
console.log(`  stored losses: ${session.metrics.batchLoss.storedPoints.toLocaleString('en')} entries for ${session.metrics.batchLoss.length.toLocaleString('en')} updates`);
