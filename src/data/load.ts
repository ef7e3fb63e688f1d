import { typeColumns } from './columns';
import { decodeCsvFile } from './decode';
import { looksLikeJson, parseJsonTable } from './json';
import { loadCsvTextCompact } from './compact';
import { parseCsvText } from './parse';
import type { Table } from './table';

/**
 * One call from a file's content to a typed table: what the parsing worker runs, and what the
 * Node tests run on the same files. Progress goes 0 → 0.9 while parsing, 1 when typed.
 * JSON (an array of records) is recognised and read too; other JSON is refused as JSON.
 */

/** Options of loadCsv: the file name (shown in messages) and an optional progress callback (0..1). */
export interface LoadOptions {
  name: string;
  onProgress?: (fraction: number) => void;
}

/** JSON for sure: a .json name, or a start no CSV header has (`[{`, `[[`, `["`, `{"` …). */
function surelyJson(text: string, name: string): boolean {
  return /\.json$/i.test(name) || /^\s*(?:\[\s*[[{"\d\-\]]|\{\s*["}])/.test(text.slice(0, 256));
}

/** CSV text (or JSON text) → typed table. Throws a DataError for files that cannot be read as a table. */
export function loadCsvText(text: string, options: LoadOptions): Table {
  let table: Table;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeJson(body) && surelyJson(body, options.name)) table = typeColumns(parseJsonTable(body, options.name));
  else {
    const parseOptions = { name: options.name, onProgress: (f: number) => options.onProgress?.(0.9 * f) };
    // Numbers as numbers while parsing (compact.ts); the string path for the few files it cannot promise.
    table = loadCsvTextCompact(text, parseOptions) ?? typeColumns(parseCsvText(text, parseOptions));
  }
  options.onProgress?.(1);
  return table;
}

/** File bytes → typed table (size limit, binary check, text decoding, then loadCsvText); `encoding` says how it was decoded. */
export function loadCsvBytes(bytes: Uint8Array, options: LoadOptions): Table {
  const { text, encoding } = decodeCsvFile(bytes, options.name);
  return { ...loadCsvText(text, options), encoding };
}
