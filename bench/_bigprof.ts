import { loadCsvText, buildDataset, DEFAULT_DATA_SETTINGS } from '../src/data';
function occupancyLike(mb: number): string {
  const lines = ['"date","Temperature","Humidity","Light","CO2","HumidityRatio","Occupancy"'];
  let s = 7; const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const start = Date.UTC(2015, 1, 4, 17, 51); let bytes = 0; let i = 0;
  while (bytes < mb * 1e6) { i++; const date = new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' '); const o = next() < 0.21 ? 1 : 0;
    const line = `"${i}","${date}",${(19 + next() * 5).toFixed(2)},${(16 + next() * 23).toFixed(4)},${o ? (400 + next() * 300).toFixed(1) : (next() * 20).toFixed(1)},${(400 + next() * 1600).toFixed(2)},${(0.0027 + next() * 0.004).toPrecision(15)},${o}`;
    lines.push(line); bytes += line.length + 1; }
  return lines.join('\n') + '\n';
}
const text = occupancyLike(45);
let t = performance.now();
const table = loadCsvText(text, { name: 'b.csv' });
console.log('load', (performance.now() - t).toFixed(0), process.memoryUsage());
for (const ch of [{}, { normalization: 'minmax' as const }, { features: ['Temperature', 'Humidity', 'CO2', 'HumidityRatio'] }, {}]) {
  t = performance.now();
  buildDataset(table, { ...DEFAULT_DATA_SETTINGS, ...ch }, { seed: 1 });
  console.log('build', (performance.now() - t).toFixed(0));
}
