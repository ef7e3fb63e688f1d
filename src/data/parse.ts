import Papa from 'papaparse';
import { checkLooksLikeText } from './decode';
import { DELIMITERS, guessDelimiter, type Delimiter } from './delimiter';
import { DataError } from './errors';
import { parseNumber } from './values';

/**
 * CSV text → a raw table of strings, one array per column, with the file line of every row.
 * Handles what teachers' files do: `,` `;` or tab, BOM, CRLF, quoted fields with delimiters,
 * quotes and newlines, a header with one name fewer than the rows (R's row names, as in the UCI
 * Occupancy files), a trailing delimiter, blank lines, missing or duplicate names, and Excel's
 * `sep=;` first line naming the delimiter.
 */

/** Excel's first line `sep=;` (also `sep=,`, `sep=\t` or a tab), optionally quoted. */
const SEP_LINE = /^"?sep=(\\t|.)"?[ \t]*(?:\r\n|\r|\n|$)/i;

/**
 * The delimiter an Excel `sep=` first line names and the length of that line, or null without one.
 * Throws a DataError for a delimiter the lab does not read.
 */
export function sepLine(text: string, name: string): { delimiter: Delimiter; length: number } | null {
  const m = SEP_LINE.exec(text);
  if (!m) return null;
  const value = m[1] === '\\t' || m[1] === '\\T' ? '\t' : m[1];
  const delimiter = DELIMITERS.find((d) => d === value);
  if (!delimiter) {
    throw new DataError(
      `The first line of "${name}" says the values are separated by "${value}" (sep=${value}); the lab reads ",", ";" or tab.`,
      'Save the file again as CSV with commas or semicolons.',
      { line: 1 },
    );
  }
  return { delimiter, length: m[0].length };
}

/** Name given to an unnamed leading row-number field (R `write.table` row names). */
export const ROW_NUMBER_COLUMN = '(row)';

/** Parsed CSV before typing: cells[j][i] is row i of column j, lines[i] is its 1-based file line. */
export interface RawTable {
  name: string;
  columns: string[];
  cells: string[][];
  lines: Int32Array;
  delimiter: Delimiter;
  notices: string[];
}

/** Options of parseCsvText. onProgress gets the fraction of the text parsed so far (0..1). */
export interface ParseOptions {
  name: string;
  onProgress?: (fraction: number) => void;
  /** Characters per chunk between progress reports (default 1 MB). */
  chunkSize?: number;
}

/** Newlines inside a field (CRLF counts once), so later rows keep their true file line. */
function newlinesIn(field: string): number {
  if (field.indexOf('\n') < 0 && field.indexOf('\r') < 0) return 0;
  return (field.match(/\r\n|\r|\n/g) ?? []).length;
}

function isBlankRow(row: string[]): boolean {
  for (const field of row) if (field.trim() !== '') return false;
  return true;
}

/** Names trimmed; blanks become "column k"; duplicates become "x (2)", "x (3)" with a notice. */
export function cleanColumnNames(raw: string[], notices: string[]): string[] {
  const used = new Set<string>();
  const renamed: string[] = [];
  const names = raw.map((name, j) => {
    const base = name.trim() === '' ? `column ${j + 1}` : name.trim();
    let candidate = base;
    for (let k = 2; used.has(candidate); k++) candidate = `${base} (${k})`;
    if (candidate !== base) renamed.push(`"${base}" → "${candidate}"`);
    used.add(candidate);
    return candidate;
  });
  if (renamed.length > 0) notices.push(`Duplicate column names were renamed: ${renamed.join(', ')}.`);
  return names;
}

/**
 * Where the rows go: parseCsvText keeps every cell as a string, the compact loader (compact.ts)
 * keeps numbers as numbers.
 */
export interface RowSink {
  /**
   * Called once, before the first data row, with the number of fields kept per row, the delimiter,
   * the header's fields and the layout of the rows.
   */
  open(width: number, delimiter: Delimiter, header: readonly string[], layout: RowLayout): void;
  /** One data row (fields 0 … width − 1 are kept). False stops the parse: the reader then gives null. */
  push(row: string[]): boolean;
}

/** How the rows line up with the header: as many fields, one more in front (R's row names), or a bare delimiter at the end. */
export type RowLayout = 'plain' | 'rowNames' | 'trailing';

/** What parseRows read besides the cells: the header, the layout of the rows and their file lines. */
export interface ParsedRows {
  header: string[];
  layout: RowLayout;
  /** lines[i]: the 1-based file line of data row i. */
  lines: Int32Array;
  delimiter: Delimiter;
  notices: string[];
}

/** Parses CSV text (see above). Throws a DataError for empty, header-only, single-column or ragged files. */
export function parseCsvText(text: string, options: ParseOptions): RawTable {
  let cells: string[][] = [];
  const parsed = parseRows(text, options, {
    open: (width) => { cells = Array.from({ length: width }, () => []); },
    push: (row) => {
      const n = cells.length;
      for (let j = 0; j < n; j++) cells[j].push(row[j]);
      return true;
    },
  }) as ParsedRows;
  return finishTable(options.name, parsed.header, parsed.layout, cells, parsed.lines, parsed.delimiter, parsed.notices);
}

/**
 * The rows of CSV text into `sink` (the checks and layouts of parseCsvText, which see); null when the
 * sink stopped the parse. Throws a DataError for empty, header-only, single-column or ragged files.
 * The text goes through a RowReader in pieces of `chunkSize`, with progress after each.
 */
export function parseRows(text: string, options: ParseOptions, sink: RowSink): ParsedRows | null {
  const reader = new RowReader(options.name, sink);
  const size = options.chunkSize ?? 1 << 20;
  for (let at = 0; at < text.length && !reader.stopped; at += size) {
    reader.push(text.slice(at, at + size));
    options.onProgress?.(Math.min(1, (at + size) / text.length));
  }
  return reader.finish();
}

/** Text a RowReader holds before it reads rows: the delimiter is guessed from it, papaparse guesses the line break from its first 1 MB. */
const START_CHARS = (1 << 20) + (1 << 12);

/**
 * CSV text → rows into a sink, the text given in pieces of any size (a file read chunk by chunk
 * never held whole): parseRows's checks, delimiter, layouts and file lines, whatever the pieces.
 * Its first START_CHARS characters are held until the delimiter is known; then each piece is parsed
 * at once up to its last complete row (papaparse's own Parser, as its streaming readers drive it).
 */
export class RowReader {
  /** True once the sink stopped the parse. */
  stopped = false;
  private readonly name: string;
  private readonly sink: RowSink;
  private start: string[] = [];
  private startLength = 0;
  private begun = false;
  private parser: Papa.Parser | null = null;
  private partial = '';
  private baseIndex = 0;
  private delimiter: Delimiter = ',';
  private readonly notices: string[] = [];
  private line = 1;
  private header: string[] | null = null;
  private headerLine = 0;
  private width = 0;
  private layout: RowLayout | null = null;
  /** File line of each data row so far (the first `rows` entries; grown by half when full). */
  private lines = new Int32Array(1024);
  private rows = 0;

  constructor(name: string, sink: RowSink) {
    this.name = name;
    this.sink = sink;
  }

  /** The next piece of text. Throws the DataError of a ragged row or an unclosed quote as soon as it is read. */
  push(text: string): void {
    if (this.stopped) return;
    if (this.parser) {
      this.feed(text, false);
      return;
    }
    this.start.push(text);
    this.startLength += text.length;
    if (this.startLength >= START_CHARS) this.begin(false);
  }

  /** The end of the text: parseRows's result (null when the sink stopped), or its DataError. */
  finish(): ParsedRows | null {
    if (!this.stopped && !this.parser) this.begin(true);
    if (!this.stopped) this.feed('', true);
    if (this.stopped) return null;
    const { name } = this;
    if (this.header === null) throw new DataError(`"${name}" has no lines with data.`, 'Choose a CSV file with a header line and rows of data.');
    const headerRow: string[] = this.header;
    if (headerRow.length < 2 && this.layout === null) throw singleColumn(name, headerRow[0]);
    if (this.layout === null) {
      throw new DataError(
        `"${name}" has only a header line (${headerRow.length} column names) and no rows of data.`,
        'Add rows of values below the header, one line per example.',
      );
    }
    return { header: headerRow, layout: this.layout, lines: this.lines.subarray(0, this.rows), delimiter: this.delimiter, notices: this.notices };
  }

  /** Checks the start of the text and sets up the parser; a start of blanks waits for more text unless it is all there is. */
  private begin(final: boolean): void {
    let text = this.start.join('');
    if (!this.begun) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      checkLooksLikeText(text, this.name);
      this.begun = true;
    }
    if (text.trim() === '') {
      if (final) throw new DataError(`"${this.name}" is empty.`, 'Choose a CSV file with a header line and at least one row of data.');
      this.start = [text];
      return;
    }
    this.start = [];
    const sep = sepLine(text, this.name);
    if (sep) {
      text = text.slice(sep.length);
      this.line = 2;
      this.notices.push(`The first line "sep=${sep.delimiter === '\t' ? '\\t' : sep.delimiter}" (Excel's delimiter line) was read as the delimiter, not as data.`);
    }
    this.delimiter = sep ? sep.delimiter : guessDelimiter(text);
    // papaparse's own guess of the line break (\n, \r\n or \r), from the first 1 MB as when it reads a string.
    const newline = Papa.parse<string[]>(text, { delimiter: this.delimiter, quoteChar: '"', preview: 1 }).meta.linebreak as '\n' | '\r\n' | '\r';
    this.parser = new Papa.Parser({ delimiter: this.delimiter, newline, quoteChar: '"' });
    this.feed(text, final);
  }

  /** Parses the held partial row and `text` up to the last complete row (all of it when `final`). */
  private feed(text: string, final: boolean): void {
    const parser = this.parser as Papa.Parser;
    const aggregate = this.partial + text;
    this.partial = '';
    const results = parser.parse(aggregate, this.baseIndex, !final) as Papa.ParseResult<string[]>;
    const quoteError = results.errors.find((e) => e.code === 'MissingQuotes');
    const rows = results.data;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (quoteError && quoteError.row === r) {
        const line = this.line;
        throw new DataError(
          `Line ${line} opens a quote (") that is never closed.`,
          `Close the quote on line ${line}, or write a quote inside a quoted value as two quotes ("").`,
          { line },
        );
      }
      const failure = this.takeRow(row, this.line);
      if (failure) throw failure;
      if (this.stopped) return;
      let extra = 0;
      for (const field of row) extra += newlinesIn(field);
      this.line += 1 + extra;
    }
    if (!final) {
      this.partial = aggregate.substring(results.meta.cursor - this.baseIndex);
      this.baseIndex = results.meta.cursor;
    }
  }

  private takeRow(row: string[], rowLine: number): DataError | null {
    if (isBlankRow(row)) return null;
    const { name, delimiter } = this;
    if (this.header === null) {
      this.header = row;
      this.headerLine = rowLine;
      return null;
    }
    const header = this.header;
    if (this.layout === null) {
      let layout: RowLayout = 'plain';
      if (row.length === header.length + 1) layout = row[row.length - 1].trim() === '' ? 'trailing' : 'rowNames';
      this.layout = layout;
      this.width = layout === 'plain' ? header.length : header.length + 1;
      if (this.width < 2) return singleColumn(name, header[0]);
      this.sink.open(layout === 'trailing' ? header.length : this.width, delimiter, header, layout);
    }
    const { width, layout } = this;
    if (row.length !== width) {
      const expected = layout === 'rowNames' ? `${width} (a row number and ${header.length} named columns, as on line ${this.rows > 0 ? this.lines[0] : rowLine})` : `${width}, like the header on line ${this.headerLine}`;
      return new DataError(
        `Line ${rowLine} has ${row.length} field${row.length === 1 ? '' : 's'}, but ${expected}.`,
        `Every line needs one value per column. Look at line ${rowLine} for a missing or extra "${delimiter === '\t' ? 'tab' : delimiter}" ` +
          'or a quote (") that is not closed; an empty value still needs its delimiter.',
        { line: rowLine },
      );
    }
    if (layout === 'trailing' && row[width - 1].trim() !== '') {
      return new DataError(
        `Line ${rowLine} has a value after the last column ("${row[width - 1].trim().slice(0, 20)}"), where the lines above end with a bare delimiter.`,
        `Remove the extra value on line ${rowLine}, or give that column a name in the header.`,
        { line: rowLine },
      );
    }
    if (!this.sink.push(row)) {
      this.stopped = true;
      return null;
    }
    if (this.rows === this.lines.length) {
      const grown = new Int32Array(Math.ceil(this.lines.length * 1.5));
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.rows++] = rowLine;
    return null;
  }
}

function singleColumn(name: string, first: string): DataError {
  return new DataError(
    `"${name}" has a single column ("${first.trim().slice(0, 40)}"): no comma, semicolon or tab separates its values.`,
    'The lab needs at least two columns (features and a target), separated by ",", ";" or a tab.',
  );
}

function finishTable(
  name: string, header: string[], layout: RowLayout,
  cells: string[][], rowLines: Int32Array, delimiter: Delimiter, notices: string[],
): RawTable {
  let lines = rowLines;
  let rawNames = layout === 'rowNames' ? [ROW_NUMBER_COLUMN, ...header] : header.slice();
  if (layout === 'rowNames') {
    notices.push(`The header names ${header.length} columns but each row has ${header.length + 1} fields: ` +
      `the unnamed first field was read as a row number, "${ROW_NUMBER_COLUMN}".`);
  }
  const decimalComma = delimiter !== ',';
  // A header of numbers is a first data row: the file has no header.
  if (rawNames.every((h) => h.trim() !== '' && !Number.isNaN(parseNumber(h, decimalComma)))) {
    cells.forEach((column, j) => column.unshift(rawNames[j]));
    lines = new Int32Array(rowLines.length + 1);
    lines.set(rowLines, 1);
    lines[0] = rowLines[0] - 1;
    notices.push('The first line holds only numbers, so it was read as data; the columns are named "column 1", "column 2", …');
    rawNames = rawNames.map(() => '');
  }
  // A trailing delimiter on every line (header included) leaves a blank, nameless column: drop it.
  for (let j = rawNames.length - 1; j >= 0; j--) {
    if (rawNames[j].trim() === '' && cells[j].every((c) => c.trim() === '') && rawNames.some((h) => h.trim() !== '')) {
      rawNames.splice(j, 1);
      cells.splice(j, 1);
    }
  }
  // A copy of exactly the rows' length: the reader's array has room to grow.
  return { name, columns: cleanColumnNames(rawNames, notices), cells, lines: lines.slice(), delimiter, notices };
}
