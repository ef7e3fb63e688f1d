/**
 * The generated files of the big-file benches (bench/bigfile.ts, bench/profileUpload.ts): an
 * Occupancy-like CSV of a given size, a file with a 100,000-character column name, and a wide file.
 * Deterministic (a Park–Miller generator), so every run reads the same bytes.
 */

/** An Occupancy-like CSV (R row names, a date, five sensors, a 0/1 label) of about `mb` megabytes. */
export function occupancyLike(mb: number): { text: string; rows: number } {
  const lines = ['"date","Temperature","Humidity","Light","CO2","HumidityRatio","Occupancy"'];
  let s = 7;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const start = Date.UTC(2015, 1, 4, 17, 51);
  let bytes = lines[0].length + 1;
  let i = 0;
  while (bytes < mb * 1e6) {
    i++;
    const date = new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const occupied = next() < 0.21 ? 1 : 0;
    const line = `"${i}","${date}",${(19 + next() * 5).toFixed(2)},${(16 + next() * 23).toFixed(4)},` +
      `${occupied ? (400 + next() * 300).toFixed(1) : (next() * 20).toFixed(1)},${(400 + next() * 1600).toFixed(2)},${(0.0027 + next() * 0.004).toPrecision(15)},${occupied}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, rows: i };
}

/** A 3-column file whose first column name is 100,000 characters long, 200 rows. */
export function longName(): string {
  const name = 'sensor_'.repeat(14_286).slice(0, 100_000);
  const rows = Array.from({ length: 200 }, (_, i) => `${(i * 0.37) % 5},${(i * 1.3) % 7},${i % 2}`);
  return `${name},x,label\n${rows.join('\n')}\n`;
}

/** `columns` numeric columns (the last a 0/1 label) × `rows` rows. */
export function wide(columns: number, rows: number): string {
  const header = [...Array.from({ length: columns - 1 }, (_, j) => `c${j + 1}`), 'label'].join(',');
  let s = 3;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const lines = Array.from({ length: rows }, (_, i) => [...Array.from({ length: columns - 1 }, () => next().toFixed(3)), String(i % 2)].join(','));
  return `${header}\n${lines.join('\n')}\n`;
}
