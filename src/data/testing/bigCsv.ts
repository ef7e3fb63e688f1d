/**
 * A seeded CSV of `rows` × 6 columns (five numeric features and a 0/1 label), ≈ 45 bytes a row:
 * 200,000 rows is the size the data issue asks to load within a few seconds. Used by the large-file
 * test and by the parse benchmark.
 */
export function bigCsv(rows: number): string {
  const lines = ['a,b,c,d,e,label'];
  let s = 1;
  // Park–Miller minimal standard generator: enough for varied, reproducible cells.
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  for (let i = 0; i < rows; i++) {
    lines.push(`${(next() * 100).toFixed(3)},${(next() * 10).toFixed(4)},${next().toFixed(6)},${Math.floor(next() * 500)},${(next() * 1e4).toFixed(2)},${i % 2}`);
  }
  return lines.join('\n');
}
