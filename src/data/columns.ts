import { giveBack } from './buffers';
import { ROW_NUMBER_COLUMN, type RawTable } from './parse';
import { MAX_CLASSES, type Column, type ColumnKind, type Table } from './table';
import { asciiDigits, isMissing, parseDate, parseGrouped, parseNumber, type NumberStyle } from './values';

/**
 * Column kinds from the cells: numbers (with a decimal comma when the delimiter is ; or tab), dates,
 * row indices, categories or free text. A column written with thousands separators is read as numbers
 * when its style is clear (1,234.5 or 1.234,5), with a notice. A mostly-numeric column with a few
 * words gets a notice naming the first bad cell, since that is usually a typo in the file; a column
 * of number-like text that is not read as numbers says why, since a student would not guess it.
 */

/** Shortens a cell or a name for a message. */
const clip = (text: string, n = 30): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

const HAS_DIGIT = /\d/;
const GROUP_MARK: Record<NumberStyle, RegExp> = { dot: /\d[,\u00a0\u202f' ]\d{3}/, comma: /\d[.\u00a0\u202f' ]\d{3}/ };

/**
 * The cells of one column, row by row: a string array, or a column kept compactly by the streaming
 * loader (compact.ts), which makes each cell's string only when it is read.
 */
export interface CellList {
  readonly length: number;
  /** Row i's cell as written (0 ≤ i < length). */
  cell(i: number): string;
}

/** A string array as a CellList. */
export function arrayCells(values: readonly string[]): CellList {
  return { length: values.length, cell: (i) => values[i] };
}

/** Reading of a column with thousands separators, or why none applies. */
type Grouped = { numbers: Float64Array; style: NumberStyle; first: number } | { why: string; first: number } | null;

/**
 * Tries both thousands styles on the present cells. One style that reads every cell wins; when both
 * do and disagree (1,234 is 1234 or 1.234), a comma-delimited file decides for the dot (its commas
 * cannot be decimal commas unquoted), otherwise the column stays text with the reason.
 */
function readGrouped(values: CellList, missingMask: Uint8Array, decimalComma: boolean): Grouped {
  const m = values.length;
  const readings: Partial<Record<NumberStyle, Float64Array>> = {};
  let first = -1;
  let marked = false;
  for (const style of ['dot', 'comma'] as const) {
    const out = new Float64Array(m).fill(NaN);
    let ok = true;
    for (let i = 0; i < m && ok; i++) {
      if (missingMask[i]) continue;
      const cell = asciiDigits(values.cell(i));
      if (GROUP_MARK[style].test(cell)) {
        marked = true;
        if (first < 0) first = i;
      }
      out[i] = parseGrouped(cell, style);
      ok = !Number.isNaN(out[i]);
    }
    if (ok) readings[style] = out;
  }
  if (!marked) return null;
  const { dot, comma } = readings;
  if (dot && comma) {
    let same = true;
    for (let i = 0; i < m && same; i++) same = missingMask[i] === 1 || dot[i] === comma[i];
    if (same || !decimalComma) return { numbers: dot, style: 'dot', first };
    return { why: 'could be read with "," or with "." as the decimal separator, and the file does not say which', first };
  }
  if (dot) return { numbers: dot, style: 'dot', first };
  if (comma) return { numbers: comma, style: 'comma', first };
  const some = (test: (v: string) => boolean): boolean => {
    for (let i = 0; i < m; i++) if (!missingMask[i] && test(values.cell(i))) return true;
    return false;
  };
  const both = some((v) => GROUP_MARK.dot.test(asciiDigits(v)) && /\d,\d{3}(?:\.|$)/.test(asciiDigits(v).trim()))
    && some((v) => /\d\.\d{3}(?:,|$)/.test(asciiDigits(v).trim()) && /,/.test(v));
  return { why: both ? 'mixes two styles of thousands separators (1,234.5 and 1.234,5)' : 'has thousands separators together with other text', first };
}

const INDEX_NAMES = /^(id|index|idx|row|row ?(no|nr|num|number|id)|no\.?|nr\.?|#|unnamed: ?0|\(row\))$/i;

/** Codes and sorted labels of a column with few distinct values, or null past MAX_CLASSES. */
function categorise(values: CellList | null, numeric: Float64Array | null, missingMask: Uint8Array): { codes: Int32Array; categories: string[] } | null {
  if (numeric) return categoriseNumbers(numeric, missingMask);
  const m = missingMask.length;
  const seen = new Map<string, number>();
  const keys: string[] = new Array(m);
  for (let i = 0; i < m; i++) {
    if (missingMask[i]) continue;
    const key = (values as CellList).cell(i).trim();
    keys[i] = key;
    if (!seen.has(key)) {
      if (seen.size === MAX_CLASSES) return null;
      seen.set(key, 0);
    }
  }
  const categories = [...seen.keys()].sort((a, b) => a.localeCompare(b, 'en'));
  const indexOf = new Map(categories.map((c, k) => [c, k]));
  const codes = new Int32Array(m);
  for (let i = 0; i < m; i++) codes[i] = missingMask[i] ? -1 : (indexOf.get(keys[i]) ?? -1);
  return { codes, categories };
}

/**
 * categorise for numbers: the labels are the values as String(x), sorted by value. Keyed by the value
 * itself, which String(x) names one to one (0 and −0 are one key either way), so no label is made per
 * row: an array of a label per row, made for each numeric column of a 45 MB file, was 36 MB of garbage
 * that outlived the young generation in the parsing worker.
 */
function categoriseNumbers(numeric: Float64Array, missingMask: Uint8Array): { codes: Int32Array; categories: string[] } | null {
  const m = missingMask.length;
  const seen = new Set<number>();
  for (let i = 0; i < m; i++) {
    if (missingMask[i] || seen.has(numeric[i])) continue;
    if (seen.size === MAX_CLASSES) return null;
    seen.add(numeric[i]);
  }
  const values = [...seen].sort((a, b) => a - b);
  const indexOf = new Map(values.map((x, k) => [x, k]));
  const codes = new Int32Array(m);
  for (let i = 0; i < m; i++) codes[i] = missingMask[i] ? -1 : (indexOf.get(numeric[i]) ?? -1);
  return { codes, categories: values.map(String) };
}

/** Distinct non-missing values, by sorting a copy (a Set of 500,000 boxed doubles costs seconds of GC). */
function countDistinct(values: Float64Array, missingMask: Uint8Array): number {
  const present = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (!missingMask[i]) present[n++] = values[i];
  const sorted = present.subarray(0, n).sort();
  let distinct = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  // A column's worth of memory, given back now rather than when the collector gets to it (a 45 MB file's
  // eight columns left 36 MB of these waiting in the parsing worker).
  giveBack(present.buffer);
  return distinct;
}

function isRowIndex(name: string, numbers: Float64Array, missing: number, integer: boolean, distinct: number): boolean {
  if (missing > 0 || !integer || numbers.length < 2) return false;
  if (name === ROW_NUMBER_COLUMN) return true;
  let consecutive = true;
  for (let i = 1; i < numbers.length && consecutive; i++) consecutive = numbers[i] === numbers[i - 1] + 1;
  if (consecutive && numbers.length >= 3) return true;
  return INDEX_NAMES.test(name.trim()) && distinct === numbers.length;
}

/**
 * A numeric (or row-number) column from its numbers (NaN where missingMask is 1; m = numbers.length).
 * Needs no cell text: its labels are the numbers as String(x). The compact loader types its numeric
 * columns with it too.
 */
export function numericColumn(
  base: { name: string; missing: number; example: string; integer: boolean },
  name: string, numbers: Float64Array, missingMask: Uint8Array,
): Column {
  const distinct = countDistinct(numbers, missingMask);
  const kind: ColumnKind = isRowIndex(name, numbers, base.missing, base.integer, distinct) ? 'index' : 'numeric';
  const cat = kind === 'numeric' ? categorise(null, numbers, missingMask) : null;
  return { ...base, kind, numbers, codes: cat?.codes ?? null, categories: cat?.categories ?? [], distinct };
}

/**
 * The column typeCells gives for cells that are all dates (or missing): `numbers` holds each row's date
 * in ms, NaN where missing (length m). Also what the streaming loader builds from the dates it read.
 */
export function dateColumn(base: { name: string; missing: number; example: string; integer: boolean }, numbers: Float64Array, missingMask: Uint8Array): Column {
  return { ...base, kind: 'date', numbers, codes: null, categories: [], distinct: countDistinct(numbers, missingMask), integer: true };
}

/**
 * Why a column most of whose cells hold digits is not numbers, or null when it does not look numeric
 * (fewer than half its cells have a digit: words, labels, comments).
 */
function notNumericReason(values: CellList, missingMask: Uint8Array, present: number, grouped: Grouped): { at: number; why: string } | null {
  let withDigits = 0;
  let at = -1;
  for (let i = 0; i < values.length; i++) {
    if (missingMask[i]) continue;
    const cell = asciiDigits(values.cell(i));
    if (!HAS_DIGIT.test(cell)) continue;
    withDigits++;
    if (at < 0 && Number.isNaN(parseNumber(cell, true))) at = i;
  }
  if (withDigits < present * 0.5 || at < 0) return null;
  if (grouped && 'why' in grouped) return { at: grouped.first, why: grouped.why };
  return { at, why: 'is not a plain number (letters, units or symbols beside the digits)' };
}

/** Types one column of raw cells (lines give the file line of each row, for the notice). */
export function typeColumn(name: string, values: string[], decimalComma: boolean, lines: Int32Array, notices: string[]): Column {
  return typeCells(name, arrayCells(values), decimalComma, lines, notices);
}

/** typeColumn on a CellList: the same column, value for value. */
export function typeCells(name: string, values: CellList, decimalComma: boolean, lines: Int32Array, notices: string[]): Column {
  const m = values.length;
  const missingMask = new Uint8Array(m);
  let missing = 0;
  let example = '';
  for (let i = 0; i < m; i++) {
    const cell = values.cell(i);
    if (isMissing(cell)) {
      missingMask[i] = 1;
      missing++;
    } else if (example === '') example = cell.trim();
  }
  const present = m - missing;
  const numbers = new Float64Array(m).fill(NaN);
  let bad = 0;
  let firstBad = -1;
  let integer = true;
  for (let i = 0; i < m; i++) {
    if (missingMask[i]) continue;
    const x = parseNumber(values.cell(i), decimalComma);
    if (Number.isNaN(x)) {
      if (firstBad < 0) firstBad = i;
      bad++;
    } else {
      numbers[i] = x;
      if (integer && !Number.isInteger(x)) integer = false;
    }
  }
  const base = { name, missing, example, integer };
  if (present > 0 && bad === 0) return numericColumn(base, name, numbers, missingMask);
  const grouped = present > 0 ? readGrouped(values, missingMask, decimalComma) : null;
  if (grouped && 'numbers' in grouped) {
    const shown = values.cell(grouped.first).trim();
    notices.push(`Column "${clip(name, 60)}" has thousands separators ("${clip(shown)}" on line ${lines[grouped.first]}): ` +
      `read as ${grouped.numbers[grouped.first]}, with "${grouped.style === 'dot' ? '.' : ','}" as the decimal separator.`);
    let whole = true;
    for (let i = 0; i < m && whole; i++) whole = missingMask[i] === 1 || Number.isInteger(grouped.numbers[i]);
    return numericColumn({ ...base, integer: whole }, name, grouped.numbers, missingMask);
  }
  const fewBad = present > 0 && bad <= present * 0.1;
  if (fewBad) {
    notices.push(`Column "${clip(name, 60)}" is numeric except ${bad} value${bad === 1 ? '' : 's'} ` +
      `(first "${clip(values.cell(firstBad).trim())}" on line ${lines[firstBad]}), so it is read as text. ` +
      'Fix or empty those cells to use it as a number.');
  }
  let allDates = present > 0;
  for (let i = 0; i < m && allDates; i++) {
    if (missingMask[i]) continue;
    numbers[i] = parseDate(values.cell(i));
    allDates = !Number.isNaN(numbers[i]);
  }
  if (allDates) return dateColumn(base, numbers, missingMask);
  if (!fewBad) {
    const reason = notNumericReason(values, missingMask, present, grouped);
    if (reason) {
      notices.push(`Column "${clip(name, 60)}" is not used as a number: it has text like "${clip(values.cell(reason.at).trim())}" ` +
        `(line ${lines[reason.at]}) that ${reason.why}. Save it as plain numbers to use it as a feature.`);
    }
  }
  const cat = categorise(values, null, missingMask);
  // Labels that never repeat (names, comments, ids) are free text, however few.
  if (cat && cat.categories.length < present) {
    return { ...base, kind: 'categorical', numbers: null, codes: cat.codes, categories: cat.categories, distinct: cat.categories.length, integer: false };
  }
  const seen = new Set<string>();
  for (let i = 0; i < m; i++) if (!missingMask[i]) seen.add(values.cell(i).trim());
  const distinct = seen.size;
  return { ...base, kind: 'text', numbers: null, codes: null, categories: [], distinct, integer: false };
}

/** Types every column of a raw table. Throws nothing: whether the table is usable is decided later. */
export function typeColumns(raw: RawTable, id = `file:${raw.name}`): Table {
  const notices = raw.notices.slice();
  const decimalComma = raw.delimiter !== ',';
  const columns = raw.columns.map((name, j) => typeColumn(name, raw.cells[j], decimalComma, raw.lines, notices));
  return { id, name: raw.name, rowCount: raw.lines.length, columns, lines: raw.lines, notices };
}
