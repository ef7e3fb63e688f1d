import { DataError } from './errors';
import { cleanColumnNames, type RawTable } from './parse';

/**
 * JSON files, which students export from notebooks and web APIs. An array of records
 * `[{"x": 1, "label": "a"}, …]` becomes a raw table (columns in order of first appearance, a key a
 * record lacks is a missing value); any other JSON is refused with a message that says it is JSON.
 */

/** True when the text starts like JSON rather than a CSV: `[` or `{` as its first non-blank character. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text.slice(0, 256));
}

/** A JSON value as a CSV cell would hold it: null → "", numbers and booleans as written, objects as JSON. */
function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The 1-based line of the text at which each top-level array element starts (strings skipped). */
function elementLines(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (depth === 1 && expectElement && c !== 32 && c !== 9 && c !== 10 && c !== 13) {
      out.push(line);
      expectElement = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectElement = true;
  }
  return out;
}

function notRecords(name: string, what: string): DataError {
  return new DataError(
    `"${name}" is a JSON file, but ${what}: the lab reads JSON only as an array of records, [{"column": value, …}, …].`,
    'Save the data as an array of records (pandas: df.to_json(orient="records")) or as a CSV file.',
  );
}

/**
 * JSON text → a raw table, or a DataError that says it is JSON but not an array of records (or not
 * valid JSON, with the parser's reason). `lines[i]` is the file line where record i starts.
 */
export function parseJsonTable(text: string, name: string): RawTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(
      `"${name}" looks like a JSON file but is not valid JSON (${error instanceof Error ? error.message : String(error)}).`,
      'Check the file in a text editor, or save the data as a CSV file.',
    );
  }
  if (!Array.isArray(value)) throw notRecords(name, typeof value === 'object' && value !== null ? 'an object, not an array' : `a single ${typeof value}`);
  if (value.length === 0) throw notRecords(name, 'an empty array');
  const badAt = value.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (badAt >= 0) throw notRecords(name, `element ${badAt + 1} is ${Array.isArray(value[badAt]) ? 'an array' : 'not an object'}`);
  const records = value as Record<string, unknown>[];
  const index = new Map<string, number>();
  for (const record of records) for (const key of Object.keys(record)) if (!index.has(key)) index.set(key, index.size);
  const keys = [...index.keys()];
  const cells = keys.map((key) => records.map((r) => cellOf(r[key])));
  const starts = elementLines(text);
  const lines = Int32Array.from(records, (_, i) => starts[i] ?? i + 1);
  const notices = [`Read as JSON: an array of ${records.length} record${records.length === 1 ? '' : 's'} with ${keys.length} key${keys.length === 1 ? '' : 's'}.`];
  return { name, columns: cleanColumnNames(keys, notices), cells, lines, delimiter: ',', notices };
}
