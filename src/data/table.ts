/**
 * A typed table: what a CSV (or a built-in generator) becomes before the user chooses a target and
 * features. Columns hold numbers and category codes in typed arrays, so a table crosses from the
 * parsing worker to the page by structured clone without copying strings.
 */

/**
 * What a column holds. numeric: numbers; categorical: few distinct labels (≤ 20, repeated);
 * date: dates or times; index: a row number (1, 2, 3 … or a unique id); text: free text.
 */
export type ColumnKind = 'numeric' | 'categorical' | 'date' | 'index' | 'text';

/** Most distinct values a column may have to be categorical or a classification target. */
export const MAX_CLASSES = 20;

/** One column of a Table (m = table.rowCount). */
export interface Column {
  name: string;
  kind: ColumnKind;
  /** numeric, index, date (ms): value of each row (length m), NaN where missing; null for categorical and text. */
  numbers: Float64Array | null;
  /** When the column has ≤ 20 distinct values: category index of each row (length m), −1 where missing. */
  codes: Int32Array | null;
  /** Labels of the codes: sorted by value for numbers (as String(x)), alphabetically otherwise. */
  categories: string[];
  /** Rows with no value ("", NA, N/A, NaN, ?, null). */
  missing: number;
  /** Distinct non-missing values. */
  distinct: number;
  /** True when every non-missing number is an integer. */
  integer: boolean;
  /** A first non-missing value as written, for display. */
  example: string;
}

/** A whole file or built-in set, typed. lines[i] is the 1-based file line of row i (for messages). */
export interface Table {
  /** Where it comes from: 'file:datatraining.txt', 'builtin:two-moons'. */
  id: string;
  /** What the user sees: the file name, or the built-in set's title. */
  name: string;
  rowCount: number;
  columns: Column[];
  lines: Int32Array;
  notices: string[];
  /**
   * How the file's bytes were decoded, for the data panel's note: 'UTF-8', 'UTF-16 LE (no byte-order
   * mark: recognised by its NUL bytes)', 'UTF-8, with 2 lines in Windows-1252 (…)'. Absent for
   * built-in sets and for text that was never bytes.
   */
  encoding?: string;
}

/** Name → column of each columns array, built on first use: a 5,000-column file looks names up millions of times. */
const byName = new WeakMap<Column[], { length: number; index: Map<string, Column> }>();

/** The column called `name`, or undefined. */
export function findColumn(table: Table, name: string): Column | undefined {
  let cached = byName.get(table.columns);
  if (!cached || cached.length !== table.columns.length) {
    const index = new Map<string, Column>();
    // The first of equal names wins, as Array.find would give (cleaned names are unique anyway).
    for (let j = table.columns.length - 1; j >= 0; j--) index.set(table.columns[j].name, table.columns[j]);
    cached = { length: table.columns.length, index };
    byName.set(table.columns, cached);
  }
  return cached.index.get(name);
}

/** The typed arrays of a table, for postMessage's transfer list. */
export function tableTransferables(table: Table): ArrayBuffer[] {
  const out: ArrayBuffer[] = [table.lines.buffer as ArrayBuffer];
  for (const c of table.columns) {
    if (c.numbers) out.push(c.numbers.buffer as ArrayBuffer);
    if (c.codes) out.push(c.codes.buffer as ArrayBuffer);
  }
  return out;
}
