import { ROW_NUMBER_COLUMN, type RawTable } from './parse';
import { MAX_CLASSES, type Column, type ColumnKind, type Table } from './table';
import { isMissing, parseDate, parseNumber } from './values';

/**
 * Column kinds from the cells: numbers (with a decimal comma when the delimiter is ; or tab), dates,
 * row indices, categories or free text. A mostly-numeric column with a few words gets a notice
 * naming the first bad cell, since that is usually a typo in the file.
 */

const INDEX_NAMES = /^(id|index|idx|row|row ?(no|nr|num|number|id)|no\.?|nr\.?|#|unnamed: ?0|\(row\))$/i;

/** Codes and sorted labels of a column with few distinct values, or null past MAX_CLASSES. */
function categorise(values: string[], numeric: Float64Array | null, missingMask: Uint8Array): { codes: Int32Array; categories: string[] } | null {
  const m = values.length;
  const seen = new Map<string, number>();
  const keys: string[] = new Array(m);
  for (let i = 0; i < m; i++) {
    if (missingMask[i]) continue;
    const key = numeric ? String(numeric[i]) : values[i].trim();
    keys[i] = key;
    if (!seen.has(key)) {
      if (seen.size === MAX_CLASSES) return null;
      seen.set(key, numeric ? numeric[i] : 0);
    }
  }
  const categories = [...seen.keys()].sort(numeric
    ? (a, b) => (seen.get(a) ?? 0) - (seen.get(b) ?? 0)
    : (a, b) => a.localeCompare(b, 'en'));
  const indexOf = new Map(categories.map((c, k) => [c, k]));
  const codes = new Int32Array(m);
  for (let i = 0; i < m; i++) codes[i] = missingMask[i] ? -1 : (indexOf.get(keys[i]) ?? -1);
  return { codes, categories };
}

function countDistinct(values: Float64Array, missingMask: Uint8Array): number {
  const set = new Set<number>();
  for (let i = 0; i < values.length; i++) if (!missingMask[i]) set.add(values[i]);
  return set.size;
}

function isRowIndex(name: string, numbers: Float64Array, missing: number, integer: boolean, distinct: number): boolean {
  if (missing > 0 || !integer || numbers.length < 2) return false;
  if (name === ROW_NUMBER_COLUMN) return true;
  let consecutive = true;
  for (let i = 1; i < numbers.length && consecutive; i++) consecutive = numbers[i] === numbers[i - 1] + 1;
  if (consecutive && numbers.length >= 3) return true;
  return INDEX_NAMES.test(name.trim()) && distinct === numbers.length;
}

/** Types one column of raw cells (lines give the file line of each row, for the notice). */
export function typeColumn(name: string, values: string[], decimalComma: boolean, lines: Int32Array, notices: string[]): Column {
  const m = values.length;
  const missingMask = new Uint8Array(m);
  let missing = 0;
  let example = '';
  for (let i = 0; i < m; i++) {
    if (isMissing(values[i])) {
      missingMask[i] = 1;
      missing++;
    } else if (example === '') example = values[i].trim();
  }
  const present = m - missing;
  const numbers = new Float64Array(m).fill(NaN);
  let bad = 0;
  let firstBad = -1;
  let integer = true;
  for (let i = 0; i < m; i++) {
    if (missingMask[i]) continue;
    const x = parseNumber(values[i], decimalComma);
    if (Number.isNaN(x)) {
      if (firstBad < 0) firstBad = i;
      bad++;
    } else {
      numbers[i] = x;
      if (integer && !Number.isInteger(x)) integer = false;
    }
  }
  const base = { name, missing, example, integer };
  if (present > 0 && bad === 0) {
    const distinct = countDistinct(numbers, missingMask);
    const kind: ColumnKind = isRowIndex(name, numbers, missing, integer, distinct) ? 'index' : 'numeric';
    const cat = kind === 'numeric' ? categorise(values, numbers, missingMask) : null;
    return { ...base, kind, numbers, codes: cat?.codes ?? null, categories: cat?.categories ?? [], distinct };
  }
  if (present > 0 && bad <= present * 0.1) {
    notices.push(`Column "${name}" is numeric except ${bad} value${bad === 1 ? '' : 's'} ` +
      `(first "${values[firstBad].trim().slice(0, 30)}" on line ${lines[firstBad]}), so it is read as text. ` +
      'Fix or empty those cells to use it as a number.');
  }
  let allDates = present > 0;
  for (let i = 0; i < m && allDates; i++) {
    if (missingMask[i]) continue;
    numbers[i] = parseDate(values[i]);
    allDates = !Number.isNaN(numbers[i]);
  }
  if (allDates) {
    return { ...base, kind: 'date', numbers, codes: null, categories: [], distinct: countDistinct(numbers, missingMask), integer: true };
  }
  const cat = categorise(values, null, missingMask);
  // Labels that never repeat (names, comments, ids) are free text, however few.
  if (cat && cat.categories.length < present) {
    return { ...base, kind: 'categorical', numbers: null, codes: cat.codes, categories: cat.categories, distinct: cat.categories.length, integer: false };
  }
  const distinct = new Set(values.filter((_, i) => !missingMask[i]).map((v) => v.trim())).size;
  return { ...base, kind: 'text', numbers: null, codes: null, categories: [], distinct, integer: false };
}

/** Types every column of a raw table. Throws nothing: whether the table is usable is decided later. */
export function typeColumns(raw: RawTable, id = `file:${raw.name}`): Table {
  const notices = raw.notices.slice();
  const decimalComma = raw.delimiter !== ',';
  const columns = raw.columns.map((name, j) => typeColumn(name, raw.cells[j], decimalComma, raw.lines, notices));
  return { id, name: raw.name, rowCount: raw.lines.length, columns, lines: raw.lines, notices };
}
