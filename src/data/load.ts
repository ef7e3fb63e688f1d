import { typeColumns } from './columns';
import { decodeCsvBytes } from './decode';
import { parseCsvText } from './parse';
import type { Table } from './table';

/**
 * One call from a file's content to a typed table: what the parsing worker runs, and what the
 * Node tests run on the same files. Progress goes 0 → 0.9 while parsing, 1 when typed.
 */

/** Options of loadCsv: the file name (shown in messages) and an optional progress callback (0..1). */
export interface LoadOptions {
  name: string;
  onProgress?: (fraction: number) => void;
}

/** CSV text → typed table. Throws a DataError for files that cannot be read as a table. */
export function loadCsvText(text: string, options: LoadOptions): Table {
  const raw = parseCsvText(text, { name: options.name, onProgress: (f) => options.onProgress?.(0.9 * f) });
  const table = typeColumns(raw);
  options.onProgress?.(1);
  return table;
}

/** File bytes → typed table (size limit, binary check, text decoding, then loadCsvText). */
export function loadCsvBytes(bytes: Uint8Array, options: LoadOptions): Table {
  return loadCsvText(decodeCsvBytes(bytes, options.name), options);
}
