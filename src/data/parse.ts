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

/**
 * Given `chunk`, papaparse parses a string chunk by chunk, synchronously (its type declarations only
 * list `chunk` for files), which lets us report progress from inside a worker.
 */
type ChunkedStringConfig = Papa.ParseConfig<string[]> & {
  chunkSize: number;
  chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void;
};

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
 * Where parseRows puts the data rows' cells: parseCsvText keeps every cell as a string, the compact
 * loader (compact.ts) keeps numbers as numbers.
 */
export interface RowSink {
  /** Called once, before the first data row, with the number of fields kept per row and the delimiter. */
  open(width: number, delimiter: Delimiter): void;
  /** One data row (fields 0 … width − 1 are kept). False stops the parse: parseRows then returns null. */
  push(row: string[]): boolean;
}

/** What parseRows read besides the cells: the header, the layout of the rows and their file lines. */
export interface ParsedRows {
  header: string[];
  layout: 'plain' | 'rowNames' | 'trailing';
  lines: number[];
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
 */
export function parseRows(text: string, options: ParseOptions, sink: RowSink): ParsedRows | null {
  const { name } = options;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  checkLooksLikeText(text, name);
  if (text.trim() === '') {
    throw new DataError(`"${name}" is empty.`, 'Choose a CSV file with a header line and at least one row of data.');
  }
  const notices: string[] = [];
  const sep = sepLine(text, name);
  let line = 1;
  if (sep) {
    text = text.slice(sep.length);
    line = 2;
    notices.push(`The first line "sep=${sep.delimiter === '\t' ? '\\t' : sep.delimiter}" (Excel's delimiter line) was read as the delimiter, not as data.`);
  }
  const delimiter = sep ? sep.delimiter : guessDelimiter(text);
  let header: string[] | null = null;
  let headerLine = 0;
  let width = 0;
  let layout: 'plain' | 'rowNames' | 'trailing' | null = null;
  const lines: number[] = [];
  let failure: DataError | null = null;
  let stopped = false;

  const takeRow = (row: string[], rowLine: number): DataError | null => {
    if (isBlankRow(row)) return null;
    if (header === null) {
      header = row;
      headerLine = rowLine;
      return null;
    }
    if (layout === null) {
      layout = 'plain';
      if (row.length === header.length + 1) layout = row[row.length - 1].trim() === '' ? 'trailing' : 'rowNames';
      width = layout === 'plain' ? header.length : header.length + 1;
      if (width < 2) return singleColumn(name, header[0]);
      sink.open(layout === 'trailing' ? header.length : width, delimiter);
    }
    if (row.length !== width) {
      const expected = layout === 'rowNames' ? `${width} (a row number and ${header.length} named columns, as on line ${lines.length > 0 ? lines[0] : rowLine})` : `${width}, like the header on line ${headerLine}`;
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
    if (!sink.push(row)) {
      stopped = true;
      return null;
    }
    lines.push(rowLine);
    return null;
  };

  const config: ChunkedStringConfig = {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    chunkSize: options.chunkSize ?? 1 << 20,
    chunk: (results, parser) => {
      const quoteError = results.errors.find((e) => e.code === 'MissingQuotes');
      const rows = results.data;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (quoteError && quoteError.row === r) {
          failure = new DataError(
            `Line ${line} opens a quote (") that is never closed.`,
            `Close the quote on line ${line}, or write a quote inside a quoted value as two quotes ("").`,
            { line },
          );
          parser.abort();
          return;
        }
        failure = takeRow(row, line);
        if (failure || stopped) {
          parser.abort();
          return;
        }
        let extra = 0;
        for (const field of row) extra += newlinesIn(field);
        line += 1 + extra;
      }
      options.onProgress?.(Math.min(1, results.meta.cursor / text.length));
    },
  };
  Papa.parse<string[]>(text, config);
  if (failure) throw failure;
  if (stopped) return null;
  if (header === null) throw new DataError(`"${name}" has no lines with data.`, 'Choose a CSV file with a header line and rows of data.');
  const headerRow: string[] = header;
  if (headerRow.length < 2 && layout === null) throw singleColumn(name, headerRow[0]);
  if (layout === null) {
    throw new DataError(
      `"${name}" has only a header line (${headerRow.length} column names) and no rows of data.`,
      'Add rows of values below the header, one line per example.',
    );
  }
  return { header: headerRow, layout, lines, delimiter, notices };
}

function singleColumn(name: string, first: string): DataError {
  return new DataError(
    `"${name}" has a single column ("${first.trim().slice(0, 40)}"): no comma, semicolon or tab separates its values.`,
    'The lab needs at least two columns (features and a target), separated by ",", ";" or a tab.',
  );
}

function finishTable(
  name: string, header: string[], layout: 'plain' | 'rowNames' | 'trailing',
  cells: string[][], lines: number[], delimiter: Delimiter, notices: string[],
): RawTable {
  let rawNames = layout === 'rowNames' ? [ROW_NUMBER_COLUMN, ...header] : header.slice();
  if (layout === 'rowNames') {
    notices.push(`The header names ${header.length} columns but each row has ${header.length + 1} fields: ` +
      `the unnamed first field was read as a row number, "${ROW_NUMBER_COLUMN}".`);
  }
  const decimalComma = delimiter !== ',';
  // A header of numbers is a first data row: the file has no header.
  if (rawNames.every((h) => h.trim() !== '' && !Number.isNaN(parseNumber(h, decimalComma)))) {
    cells.forEach((column, j) => column.unshift(rawNames[j]));
    lines.unshift(lines[0] - 1);
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
  return { name, columns: cleanColumnNames(rawNames, notices), cells, lines: Int32Array.from(lines), delimiter, notices };
}
