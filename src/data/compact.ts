import { numericColumn, typeColumn } from './columns';
import type { Delimiter } from './delimiter';
import { cleanColumnNames, parseRows, ROW_NUMBER_COLUMN, type ParseOptions, type RowSink } from './parse';
import type { Column, Table } from './table';
import { isMissing, parseNumber } from './values';

/**
 * CSV text → typed table without a string per cell for the numeric columns: each cell of a column
 * that has held only numbers or missing values so far is read into a growing Float64Array as the rows
 * arrive, and only the other columns keep their cells as text. A 45 MB file of eight columns is 4.5
 * million cells; as strings they took ten times the file in the parsing worker.
 *
 * The table is the one typeColumns(parseCsvText(text)) gives, value for value: a column of numbers is
 * typed from its numbers and missing-value mask alone (numericColumn), as typeColumn does. When that
 * cannot be promised the function returns null and the caller takes the string path: a column that
 * turns out not to be numbers after its first KEPT_ROWS rows (their text was not kept), a column with
 * no value at all, or a header of numbers (read as a first data row).
 */

/** Rows whose text a numeric column keeps, so that a column whose text starts late still needs no second parse. */
export const KEPT_ROWS = 256;

/** One column while the rows arrive: numbers so far, or text. */
type Building =
  | { mode: 'number'; numbers: Float64Array; missingMask: Uint8Array; missing: number; example: string; integer: boolean; kept: string[] | null }
  | { mode: 'text'; cells: string[] };

/** A RowSink that reads numeric columns as numbers (see above). */
class CompactSink implements RowSink {
  columns: Building[] = [];
  /** Whether every cell of column j so far is blank (spaces only): a trailing delimiter's column. */
  blank: boolean[] = [];
  rows = 0;
  private capacity: number;
  private decimalComma = false;

  /** `expectedRows`: an upper bound of the data rows if known (the text's line breaks), so the arrays never grow. */
  constructor(expectedRows: number) {
    this.capacity = Math.max(16, expectedRows);
  }

  open(width: number, delimiter: Delimiter): void {
    this.decimalComma = delimiter !== ',';
    for (let j = 0; j < width; j++) {
      this.columns.push({ mode: 'number', numbers: new Float64Array(this.capacity), missingMask: new Uint8Array(this.capacity), missing: 0, example: '', integer: true, kept: [] });
      this.blank.push(true);
    }
  }

  push(row: string[]): boolean {
    const i = this.rows;
    if (i === this.capacity) this.grow();
    for (let j = 0; j < this.columns.length; j++) {
      const cell = row[j];
      if (this.blank[j] && cell.trim() !== '') this.blank[j] = false;
      const c = this.columns[j];
      if (c.mode === 'text') {
        c.cells.push(cell);
        continue;
      }
      if (c.kept) {
        c.kept.push(cell);
        if (c.kept.length > KEPT_ROWS) c.kept = null;
      }
      if (isMissing(cell)) {
        c.missingMask[i] = 1;
        c.numbers[i] = NaN;
        c.missing++;
        continue;
      }
      const x = parseNumber(cell, this.decimalComma);
      if (Number.isNaN(x)) {
        // Not numbers: the column keeps text from now on, starting with the rows it kept.
        if (!c.kept) return false;
        this.columns[j] = { mode: 'text', cells: c.kept };
        continue;
      }
      c.numbers[i] = x;
      if (c.example === '') c.example = cell.trim();
      if (c.integer && !Number.isInteger(x)) c.integer = false;
    }
    this.rows = i + 1;
    return true;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const c of this.columns) {
      if (c.mode !== 'number') continue;
      const numbers = new Float64Array(this.capacity);
      numbers.set(c.numbers);
      const mask = new Uint8Array(this.capacity);
      mask.set(c.missingMask);
      c.numbers = numbers;
      c.missingMask = mask;
    }
  }
}

/** Line breaks in the text (\n, or \r in a file of \r only) + 1: at least its rows, so the column arrays need not grow. */
function rowBound(text: string): number {
  let n = 0;
  let index = text.indexOf('\n');
  while (index >= 0) {
    n++;
    index = text.indexOf('\n', index + 1);
  }
  if (n === 0) for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) n++;
  return n + 1;
}

/** The typed table of CSV text read the compact way (see above), or null when the string path must read it. */
export function loadCsvTextCompact(text: string, options: ParseOptions): Table | null {
  const sink = new CompactSink(rowBound(text));
  const parsed = parseRows(text, options, sink);
  if (!parsed) return null;
  const { header, layout, lines, delimiter } = parsed;
  const notices = parsed.notices;
  let rawNames = layout === 'rowNames' ? [ROW_NUMBER_COLUMN, ...header] : header.slice();
  if (layout === 'rowNames') {
    notices.push(`The header names ${header.length} columns but each row has ${header.length + 1} fields: ` +
      `the unnamed first field was read as a row number, "${ROW_NUMBER_COLUMN}".`);
  }
  const decimalComma = delimiter !== ',';
  if (rawNames.every((h) => h.trim() !== '' && !Number.isNaN(parseNumber(h, decimalComma)))) return null;
  const columns: (Building | null)[] = sink.columns;
  // A trailing delimiter on every line (header included) leaves a blank, nameless column: drop it.
  for (let j = rawNames.length - 1; j >= 0; j--) {
    if (rawNames[j].trim() === '' && sink.blank[j] && rawNames.some((h) => h.trim() !== '')) {
      rawNames = [...rawNames.slice(0, j), ...rawNames.slice(j + 1)];
      columns.splice(j, 1);
    }
  }
  const names = cleanColumnNames(rawNames, notices);
  const rowLines = Int32Array.from(lines);
  const m = sink.rows;
  const typed: Column[] = [];
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j] as Building;
    // Let go of each column's arrays once typed: the copies below never hold more than one column twice.
    columns[j] = null;
    if (c.mode === 'text') {
      typed.push(typeColumn(names[j], c.cells, decimalComma, rowLines, notices));
      continue;
    }
    if (c.missing === m) return null;
    const base = { name: names[j], missing: c.missing, example: c.example, integer: c.integer };
    typed.push(numericColumn(base, names[j], c.numbers.slice(0, m), c.missingMask.slice(0, m)));
  }
  return { id: `file:${options.name}`, name: options.name, rowCount: rowLines.length, columns: typed, lines: rowLines, notices };
}
