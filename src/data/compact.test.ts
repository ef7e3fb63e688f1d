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

function compactPath(text: string, name: string): Table | string | null {
  try {
    return loadCsvTextCompact(text, { name });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The compact table equals the string path's, value for value (typed arrays element by element, NaN included). */
function expectSameTable(text: string, name: string): Table | string | null {
  const compact = compactPath(text, name);
  if (compact !== null) expect(compact).toEqual(stringPath(text, name));
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
      if (expectSameTable(text, c.name) !== null) compared++;
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
    for (const [name, text] of cases) expect(expectSameTable(text, name), name).not.toBeNull();
  });

  it('turns a column to text within its first KEPT_ROWS rows; later, or for an empty column, it leaves the file to the string path', () => {
    const late = (at: number) => lines('a,b,label', KEPT_ROWS + 50, (i) => `${i === at ? 'n/a?' : i},${i * 2},${i % 2}`);
    expect(expectSameTable(late(KEPT_ROWS - 1), 'early.csv')).not.toBeNull();
    expect(expectSameTable(late(KEPT_ROWS + 10), 'late.csv')).toBeNull();
    expect(loadCsvTextCompact(lines('a,empty,label', 10, (i) => `${i},,${i % 2}`), { name: 'empty.csv' })).toBeNull();
    expect(loadCsvTextCompact(lines('1,2,3', 10, (i) => `${i},${i},${i % 2}`), { name: 'numbers-header.csv' })).toBeNull();
  });

  it('on 100,000 rows, and on UCI Occupancy when its files are there', () => {
    expect(expectSameTable(bigCsv(100_000), 'big.csv')).not.toBeNull();
    if (occupancyAvailable(['datatraining.txt'])) {
      expect(expectSameTable(readFileSync(occupancyPath('datatraining.txt'), 'utf8'), 'datatraining.txt')).not.toBeNull();
    }
  }, 60_000);
});
