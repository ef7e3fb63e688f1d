import { giveBack } from './buffers';
import { dateColumn, numericColumn, typeCells, type CellList } from './columns';
import type { Delimiter } from './delimiter';
import { cleanColumnNames, ROW_NUMBER_COLUMN, RowReader, type ParseOptions, type RowLayout, type RowSink } from './parse';
import type { Column, Table } from './table';
import { asciiDigits, isMissing, parseDate, parseGrouped, parseNumber } from './values';

/**
 * CSV text → typed table without a string per cell: each cell of a column that has held only numbers
 * or missing values so far is read into a growing Float64Array as the rows arrive, and the other
 * columns keep their cells joined in blocks of BLOCK_ROWS (one string and the cells' ends per block).
 * A 45 MB file of eight columns is 4.5 million cells; as strings they took ten times the file in the
 * parsing worker. The text itself comes in pieces (CompactReader), so a file read chunk by chunk is
 * never held whole either.
 *
 * A column whose first value is a date (2015-02-04 17:51:00, 17:51, 4.2.2015) is read into a Float64Array
 * of dates the same way: a date column of the 45 MB benchmark file kept as text was 11 MB of strings
 * in the worker, and building them grew its young generation to its limit (32 MB), memory the page's
 * process kept for seconds after the worker ended, at the top of the load's peak.
 *
 * The table is the one typeColumns(parseCsvText(text)) gives, value for value: a column of numbers is
 * typed from its numbers and missing-value mask alone (numericColumn), a column of dates from its
 * dates and mask (dateColumn, as typeCells would find them: no cell a number, none read with thousands
 * separators), the others by typeCells on their kept cells, as typeColumn types them. A column that
 * turns out not to be numbers or dates after its first KEPT_ROWS rows (their text was not kept) makes
 * the reader ask for a second pass with that column read as text from its first row.
 */

/** Rows whose text a numeric column keeps, so that a column whose text starts early needs no second pass. */
export const KEPT_ROWS = 256;

/** Cells per joined block of a text column. */
const BLOCK_BITS = 14;
const BLOCK_ROWS = 1 << BLOCK_BITS;

/** Cells joined at a time within a block: a cell cut from a piece of text holds the whole piece until joined. */
const JOIN_BITS = 8;
const JOIN_ROWS = 1 << JOIN_BITS;

/**
 * A text column's cells, kept compactly: each block of BLOCK_ROWS cells is one string (about a byte per
 * character) with the end of each cell, instead of a string object per cell that also holds on to the
 * piece of text it was cut from. The block being filled is joined JOIN_ROWS cells at a time, so that it
 * holds a piece or two of the text, not the 1.3 MB of pieces its 16,384 cells were cut from (which
 * lived long enough to fill the worker's old generation). A cell's string is made again when read.
 */
class TextCells implements CellList {
  length = 0;
  private readonly blocks: string[] = [];
  private readonly ends: Int32Array[] = [];
  /** The block being filled: its runs of JOIN_ROWS cells joined, the cells not joined yet, and every cell's end in the block. */
  private runs: string[] = [];
  private pending: string[] = [];
  private blockEnds = new Int32Array(BLOCK_ROWS);
  private filled = 0;

  add(cell: string): void {
    const k = this.length & (BLOCK_ROWS - 1);
    this.filled += cell.length;
    this.blockEnds[k] = this.filled;
    this.pending.push(cell);
    this.length++;
    if (this.pending.length === JOIN_ROWS) {
      this.runs.push(this.pending.join(''));
      this.pending = [];
    }
    if (k === BLOCK_ROWS - 1) this.seal();
  }

  cell(i: number): string {
    const b = i >>> BLOCK_BITS;
    const k = i & (BLOCK_ROWS - 1);
    if (b < this.blocks.length) {
      const ends = this.ends[b];
      return this.blocks[b].slice(k === 0 ? 0 : ends[k - 1], ends[k]);
    }
    const run = k >>> JOIN_BITS;
    if (run === this.runs.length) return this.pending[k & (JOIN_ROWS - 1)];
    const ends = this.blockEnds;
    const base = run === 0 ? 0 : ends[(run << JOIN_BITS) - 1];
    return this.runs[run].slice((k === 0 ? 0 : ends[k - 1]) - base, ends[k] - base);
  }

  private seal(): void {
    this.blocks.push(this.runs.join(''));
    this.ends.push(this.blockEnds);
    this.runs = [];
    this.blockEnds = new Int32Array(BLOCK_ROWS);
    this.filled = 0;
  }
}

/**
 * One column while the rows arrive: numbers so far, dates so far, text, or lost (text after its kept
 * rows: read again). A date column notes whether one of its dates is unreadable in both thousands
 * styles (`ungrouped`): typeCells reads a column as numbers with thousands separators when every cell
 * reads in one style, before it tries dates.
 */
type Building =
  | { mode: 'number'; numbers: Float64Array; missingMask: Uint8Array; missing: number; example: string; integer: boolean; kept: string[] | null }
  | { mode: 'date'; numbers: Float64Array; missingMask: Uint8Array; missing: number; example: string; kept: string[] | null; ungrouped: boolean }
  | { mode: 'text'; cells: TextCells }
  | { mode: 'lost' };

/** True when the cell reads in neither thousands style (readGrouped's test of each cell). */
const ungroupedCell = (cell: string) => Number.isNaN(parseGrouped(asciiDigits(cell), 'dot')) && Number.isNaN(parseGrouped(asciiDigits(cell), 'comma'));

/** A RowSink that reads numeric columns as numbers and keeps the others' text compactly (see above). */
class CompactSink implements RowSink {
  columns: Building[] = [];
  /** Whether every cell of column j so far is blank (spaces only): a trailing delimiter's column. */
  blank: boolean[] = [];
  rows = 0;
  /** Columns that turned to text after their kept rows. */
  readonly lost = new Set<number>();
  /** True when the header holds only numbers: it was read as the first data row. */
  headerIsData = false;
  private capacity: number;
  private decimalComma = false;
  private readonly textColumns: ReadonlySet<number>;

  /** `expectedRows`: the data rows expected (an upper bound if known), so the arrays rarely grow. */
  constructor(expectedRows: number, textColumns: ReadonlySet<number>) {
    this.capacity = Math.max(16, Math.ceil(expectedRows));
    this.textColumns = textColumns;
  }

  open(width: number, delimiter: Delimiter, header: readonly string[], layout: RowLayout): void {
    this.decimalComma = delimiter !== ',';
    for (let j = 0; j < width; j++) {
      this.columns.push(this.textColumns.has(j)
        ? { mode: 'text', cells: new TextCells() }
        : { mode: 'number', numbers: new Float64Array(this.capacity), missingMask: new Uint8Array(this.capacity), missing: 0, example: '', integer: true, kept: [] });
      this.blank.push(true);
    }
    // A header of numbers is a first data row (the file has no header), as parseCsvText's table reads it.
    const rawNames = layout === 'rowNames' ? [ROW_NUMBER_COLUMN, ...header] : header;
    if (rawNames.every((h) => h.trim() !== '' && !Number.isNaN(parseNumber(h, this.decimalComma)))) {
      this.headerIsData = true;
      this.push(header.slice(0, width));
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
        c.cells.add(cell);
        continue;
      }
      if (c.mode === 'lost') continue;
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
      if (c.mode === 'date') {
        const t = Number.isNaN(x) ? parseDate(cell) : NaN;
        if (Number.isNaN(t)) this.toText(j, c.kept);
        else {
          c.numbers[i] = t;
          if (!c.ungrouped) c.ungrouped = ungroupedCell(cell);
        }
        continue;
      }
      if (Number.isNaN(x)) {
        // Not numbers. A first value that is a date (every cell before it missing) starts a column of
        // dates; otherwise the column keeps text from now on, starting with the rows it kept.
        const t = c.example === '' ? parseDate(cell) : NaN;
        if (Number.isNaN(t)) this.toText(j, c.kept);
        else {
          c.numbers[i] = t;
          this.columns[j] = { mode: 'date', numbers: c.numbers, missingMask: c.missingMask, missing: c.missing, example: cell.trim(), kept: c.kept, ungrouped: ungroupedCell(cell) };
        }
        continue;
      }
      c.numbers[i] = x;
      if (c.example === '') c.example = cell.trim();
      if (c.integer && !Number.isInteger(x)) c.integer = false;
    }
    this.rows = i + 1;
    return true;
  }

  /** Column j is text from now on: its kept rows' cells, or (none kept) lost, to be read as text in a second pass. */
  private toText(j: number, kept: string[] | null): void {
    if (kept) {
      const cells = new TextCells();
      for (const cell of kept) cells.add(cell);
      this.columns[j] = { mode: 'text', cells };
    } else {
      this.columns[j] = { mode: 'lost' };
      this.lost.add(j);
    }
  }

  /**
   * Column j, read as dates, must be read as text from its first row after all (its dates all read
   * with thousands separators, so typeCells would try those first): kept cells, or a second pass.
   */
  textAfterAll(j: number): void {
    const c = this.columns[j];
    this.toText(j, c.mode === 'date' ? c.kept : null);
  }

  private grow(): void {
    this.capacity = Math.ceil(this.capacity * 1.5);
    for (const c of this.columns) {
      if (c.mode !== 'number' && c.mode !== 'date') continue;
      const numbers = new Float64Array(this.capacity);
      numbers.set(c.numbers);
      const mask = new Uint8Array(this.capacity);
      mask.set(c.missingMask);
      c.numbers = numbers;
      c.missingMask = mask;
    }
  }
}

/** Options of CompactReader: parseCsvText's, the rows expected, and the columns to read as text from their first row. */
export interface CompactOptions {
  name: string;
  expectedRows: number;
  textColumns?: ReadonlySet<number>;
}

/**
 * The compact loader on text given in pieces of any size (see above): `push` each piece, then
 * `finish` gives the table, or the columns a second pass must read as text from their first row
 * (a new reader with those textColumns, on the same text again).
 */
export class CompactReader {
  private readonly sink: CompactSink;
  private readonly rows: RowReader;
  private readonly options: CompactOptions;

  constructor(options: CompactOptions) {
    this.options = options;
    this.sink = new CompactSink(options.expectedRows, options.textColumns ?? new Set());
    this.rows = new RowReader(options.name, this.sink);
  }

  /** The next piece of text. Throws parseCsvText's DataError of a ragged row or an unclosed quote as soon as it is read. */
  push(text: string): void {
    this.rows.push(text);
  }

  /** The typed table, or the columns to read as text in a second pass. Throws parseCsvText's DataErrors. */
  finish(): Table | { textColumns: Set<number> } {
    const { header, layout, lines, delimiter, notices } = this.rows.finish() as NonNullable<ReturnType<RowReader['finish']>>;
    const sink = this.sink;
    for (let j = 0; j < sink.columns.length; j++) {
      const c = sink.columns[j];
      if (c.mode === 'date' && !c.ungrouped) sink.textAfterAll(j);
    }
    if (sink.lost.size > 0) return { textColumns: new Set([...(this.options.textColumns ?? []), ...sink.lost]) };
    let rawNames = layout === 'rowNames' ? [ROW_NUMBER_COLUMN, ...header] : header.slice();
    if (layout === 'rowNames') {
      notices.push(`The header names ${header.length} columns but each row has ${header.length + 1} fields: ` +
        `the unnamed first field was read as a row number, "${ROW_NUMBER_COLUMN}".`);
    }
    // The reader's array of lines (it has room to grow) is copied once, to its exact length.
    const rowLines = new Int32Array(lines.length + (sink.headerIsData ? 1 : 0));
    rowLines.set(lines, sink.headerIsData ? 1 : 0);
    if (sink.headerIsData) {
      rowLines[0] = lines[0] - 1;
      notices.push('The first line holds only numbers, so it was read as data; the columns are named "column 1", "column 2", …');
      rawNames = rawNames.map(() => '');
    }
    const columns: (Building | null)[] = sink.columns;
    // A trailing delimiter on every line (header included) leaves a blank, nameless column: drop it.
    for (let j = rawNames.length - 1; j >= 0; j--) {
      if (rawNames[j].trim() === '' && sink.blank[j] && rawNames.some((h) => h.trim() !== '')) {
        rawNames = [...rawNames.slice(0, j), ...rawNames.slice(j + 1)];
        columns.splice(j, 1);
      }
    }
    const names = cleanColumnNames(rawNames, notices);
    const decimalComma = delimiter !== ',';
    const m = sink.rows;
    const typed: Column[] = [];
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j] as Building;
      // Let go of each column's arrays once typed: the copies below never hold more than one column twice.
      columns[j] = null;
      if (c.mode === 'text') {
        typed.push(typeCells(names[j], c.cells, decimalComma, rowLines, notices));
        continue;
      }
      if (c.mode === 'lost') throw new Error('compact: a lost column is read in a second pass');
      if (c.mode === 'date') {
        typed.push(dateColumn({ name: names[j], missing: c.missing, example: c.example, integer: true }, exactly(c.numbers, m), c.missingMask.subarray(0, m)));
        continue;
      }
      // No value at all: typeColumn reads it from its missing-value marks alone, whatever they are.
      if (c.missing === m) {
        typed.push(typeCells(names[j], { length: m, cell: () => '' }, decimalComma, rowLines, notices));
        continue;
      }
      const base = { name: names[j], missing: c.missing, example: c.example, integer: c.integer };
      typed.push(numericColumn(base, names[j], exactly(c.numbers, m), c.missingMask.subarray(0, m)));
    }
    const { name } = this.options;
    return { id: `file:${name}`, name, rowCount: rowLines.length, columns: typed, lines: rowLines, notices };
  }
}

/**
 * The first m numbers in an array of their own, the longer one given back at once (buffers.ts). The
 * arrays have room for the rows the start of the file promised (up to a tenth more than it has: its
 * first lines are the shortest, with the smallest row numbers), and the page keeps the table's columns
 * as long as the file is loaded: 3.5 MB of room on the 45 MB benchmark file.
 */
function exactly(numbers: Float64Array, m: number): Float64Array {
  if (numbers.length === m) return numbers;
  const out = numbers.slice(0, m);
  giveBack(numbers.buffer as ArrayBuffer);
  return out;
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

/**
 * The typed table of CSV text read the compact way (see above): typeColumns(parseCsvText(text)),
 * value for value, in one pass, or two when a column turns to text late. Progress (0..1) comes after
 * each piece of `chunkSize` characters. Throws parseCsvText's DataErrors.
 */
export function loadCsvTextCompact(text: string, options: ParseOptions): Table {
  const size = options.chunkSize ?? 1 << 20;
  let textColumns: ReadonlySet<number> = new Set();
  for (let pass = 0; ; pass++) {
    const reader = new CompactReader({ name: options.name, expectedRows: rowBound(text), textColumns });
    for (let at = 0; at < text.length; at += size) {
      reader.push(text.slice(at, at + size));
      // A second pass goes over the text again: progress, already at its end, stays there.
      if (pass === 0) options.onProgress?.(Math.min(1, (at + size) / text.length));
    }
    const result = reader.finish();
    if ('columns' in result) return result;
    textColumns = result.textColumns;
  }
}
