import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { typeColumns } from './columns';
import { KEPT_ROWS, loadCsvTextCompact } from './compact';
import { decodeCsvFile } from './decode';
import { CORPUS } from './fixtures/corpus';
import { parseCsvText } from './parse';
import type { Table } from './table';
import { bigCsv } from './testing/bigCsv';
import { occupancyAvailable, occupancyPath } from './testing/occupancyFiles';

/** What the string path gives (every cell a string, then typeColumns), or the DataError message it throws. */
function stringPath(text: string, name: string): Table | string {
  try {
    return typeColumns(parseCsvText(text, { name }));
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function compactPath(text: string, name: string): Table | string {
  try {
    return loadCsvTextCompact(text, { name });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The compact table equals the string path's, value for value (typed arrays element by element, NaN included). */
function expectSameTable(text: string, name: string): Table | string {
  const compact = compactPath(text, name);
  expect(compact).toEqual(stringPath(text, name));
  return compact;
}

const lines = (header: string, rows: number, row: (i: number) => string) => `${header}\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n`;

describe('loadCsvTextCompact', () => {
  it('gives the string path’s table, notices and refusals on every file of the corpus', () => {
    let compared = 0;
    for (const c of CORPUS) {
      let text: string;
      try {
        text = typeof c.content === 'string' ? c.content : decodeCsvFile(c.content, c.name).text;
      } catch {
        continue; // refused before parsing (binary, too large): neither path runs
      }
      if (/^\s*[[{]/.test(text.replace(/^\ufeff/, ''))) continue; // JSON: read by json.ts, not by either path
      expectSameTable(text, c.name);
      compared++;
    }
    expect(compared).toBeGreaterThan(CORPUS.length / 2);
  });

  it('keeps numbers, gaps, integers, row names, decimal commas and a trailing delimiter exactly', () => {
    const cases: [string, string][] = [
      ['gaps.csv', lines('x,y,label', 50, (i) => `${i % 5 === 0 ? 'NA' : (i * 0.3).toFixed(2)},${i % 7 === 0 ? '' : ` ${i * 3} `},${i % 2}`)],
      ['rownames.txt', lines('"a","b","label"', 30, (i) => `"${i + 1}",${i * 1.5},${-i},${i % 3}`)],
      ['comma.csv', lines('Größe;Gewicht;Klasse', 40, (i) => `1,${60 + i};${(50 + i / 4).toString().replace('.', ',')};${i % 2 ? 'A' : 'B'}`)],
      ['trailing.csv', lines('a,b,label,', 20, (i) => `${i},${i / 8},${i % 2},`)],
      ['dates.csv', lines('date,t,label', 20, (i) => `2015-02-0${1 + (i % 9)} 10:00:00,${20 + i / 10},${i % 2}`)],
      ['mixed.csv', lines('a,b,label', 30, (i) => `${i === 17 ? 'oops' : i},${i % 4 === 0 ? 'red' : 'blue'},${i % 2}`)],
    ];
    for (const [name, text] of cases) expect(typeof expectSameTable(text, name), name).toBe('object');
  });

  it('turns a column to text within its first KEPT_ROWS rows, reads one that turns later in a second pass, and reads an empty column and a header of numbers', () => {
    const late = (at: number) => lines('a,b,label', KEPT_ROWS + 50, (i) => `${i === at ? 'n/a?' : i},${i * 2},${i % 2}`);
    const early = expectSameTable(late(KEPT_ROWS - 1), 'early.csv') as Table;
    expect(early.columns[0].kind).toBe('text');
    const later = expectSameTable(late(KEPT_ROWS + 10), 'late.csv') as Table;
    expect(later.notices.join('\n')).toMatch(/numeric except 1 value \(first "n\/a\?" on line 268\)/);
    const empty = expectSameTable(lines('a,empty,label', 10, (i) => `${i},,${i % 2}`), 'empty.csv') as Table;
    expect(empty.columns[1]).toMatchObject({ kind: 'text', missing: 10, distinct: 0 });
    const numbersHeader = expectSameTable(lines('1,2,3', 10, (i) => `${i},${i},${i % 2}`), 'numbers-header.csv') as Table;
    expect(numbersHeader.rowCount).toBe(11);
    expect(numbersHeader.lines[0]).toBe(1);
  });

  it('reads text columns over several blocks of cells, and the block being filled, cell for cell', () => {
    // 40,000 rows: two full blocks of 16,384 cells and a partial one; cells of every length from 0 to 40.
    const word = (i: number) => 'abcdefghij'.repeat(4).slice(0, (i * 7) % 41);
    const text = lines('note,kind,x,label', 40_000, (i) => `${word(i)},${['red', 'green', 'blue'][i % 3]},${i * 0.5},${i % 2}`);
    const table = expectSameTable(text, 'notes.csv') as Table;
    expect(table.columns.map((c) => c.kind)).toEqual(['text', 'categorical', 'numeric', 'numeric']);
    // A date column cut across runs within its first block.
    const dates = lines('when,y', 1_000, (i) => `2015-02-04 ${String(10 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00,${i % 2}`);
    expect((expectSameTable(dates, 'dates.csv') as Table).columns[0].kind).toBe('date');
  });

  it('reads a column of dates as dates while the rows arrive, and as text when a later cell is no date', () => {
    const stamp = (i: number) => `2015-02-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    const rows = KEPT_ROWS + 60;
    const column = (name: string, cell: (i: number) => string, delimiter = ',') =>
      expectSameTable(lines(['when', 'x', 'label'].join(delimiter), rows, (i) => [cell(i), String(i), String(i % 2)].join(delimiter)), name) as Table;
    // Gaps before the first date and among them; times of day; day-first dates with a decimal-comma delimiter.
    expect(column('gaps.csv', (i) => (i < 3 || i % 11 === 0 ? 'NA' : stamp(i))).columns[0]).toMatchObject({ kind: 'date', missing: 3 + Math.ceil((rows - 3) / 11) - 1 });
    expect(column('times.csv', (i) => `${i % 24}:${String(i % 60).padStart(2, '0')}`).columns[0].kind).toBe('date');
    expect(column('dmy.csv', (i) => `${1 + (i % 28)}.2.2015`, ';').columns[0].kind).toBe('date');
    // A word, or a plain number, among the dates: within the kept rows, and after them (a second pass).
    for (const at of [5, KEPT_ROWS - 1, KEPT_ROWS + 20]) {
      expect(column(`word-${at}.csv`, (i) => (i === at ? 'soon' : stamp(i))).columns[0].kind).toBe('text');
      expect(column(`number-${at}.csv`, (i) => (i === at ? '17' : stamp(i))).columns[0].kind).toBe('text');
    }
    // Numbers first, then dates: text, as before.
    expect(column('numbers-first.csv', (i) => (i < 4 ? String(i) : stamp(i))).columns[0].kind).toBe('text');
  });

  it('on 100,000 rows, and on UCI Occupancy when its files are there', () => {
    expect((expectSameTable(bigCsv(100_000), 'big.csv') as Table).rowCount).toBe(100_000);
    if (occupancyAvailable(['datatraining.txt'])) {
      expect((expectSameTable(readFileSync(occupancyPath('datatraining.txt'), 'utf8'), 'datatraining.txt') as Table).rowCount).toBe(8143);
    }
  }, 60_000);
});
