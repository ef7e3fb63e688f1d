import Papa from 'papaparse';

/** Delimiters the lab recognises, in order of preference on a tie. */
export const DELIMITERS = [',', ';', '\t'] as const;
/** One of the recognised delimiters. */
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Guesses the delimiter from the first rows: for each candidate, the share of rows having its most
 * common field count (≥ 2). The most consistent candidate wins, then the one giving more fields.
 * "1,5;2,5" rows give a consistent 2 with ';' but 3 fields only after a 1-field header with ','.
 * A file where no candidate splits anything gives ',' (and is then refused as a single column).
 */
export function guessDelimiter(text: string): Delimiter {
  const sampleSize = 64 * 1024;
  const sample = text.length > sampleSize ? text.slice(0, sampleSize) : text;
  let best: { delimiter: Delimiter; share: number; fields: number } = { delimiter: ',', share: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const parsed = Papa.parse<string[]>(sample, { delimiter, preview: 40, skipEmptyLines: 'greedy' });
    const rows = parsed.data;
    // The last sampled row may be cut in the middle.
    if (text.length > sampleSize && rows.length > 2) rows.pop();
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    let fields = 1;
    let frequency = 0;
    for (const [n, f] of counts) if (f > frequency || (f === frequency && n > fields)) [fields, frequency] = [n, f];
    if (fields < 2 || rows.length === 0) continue;
    const share = frequency / rows.length;
    if (share > best.share + 1e-9 || (Math.abs(share - best.share) <= 1e-9 && fields > best.fields)) {
      best = { delimiter, share, fields };
    }
  }
  return best.delimiter;
}
