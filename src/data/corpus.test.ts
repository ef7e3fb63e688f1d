import { describe, expect, it } from 'vitest';
import { buildDataset } from './dataset';
import { DataError } from './errors';
import { CORPUS, type CorpusCase } from './fixtures/corpus';
import { loadCsvBytes, loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS } from './settings';
import { findColumn, type Table } from './table';

function load(c: CorpusCase): Table {
  return typeof c.content === 'string' ? loadCsvText(c.content, { name: c.name }) : loadCsvBytes(c.content, { name: c.name });
}

/** Load, then build with the default choices: the whole path a fresh upload takes. */
function loadAndBuild(c: CorpusCase): Table {
  const table = load(c);
  buildDataset(table, DEFAULT_DATA_SETTINGS, { seed: 1 });
  return table;
}

describe('the corpus of bad and odd files', () => {
  for (const c of CORPUS) {
    const e = c.expect;
    if ('error' in e) {
      it(`${c.name}: refused with a clear DataError`, () => {
        let caught: unknown;
        try {
          loadAndBuild(c);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(DataError);
        const error = caught as DataError;
        expect(error.message).toMatch(e.error);
        expect(error.hint.length).toBeGreaterThan(10);
        if (e.line !== undefined) expect(error.line).toBe(e.line);
        if (e.column !== undefined) expect(error.column).toBe(e.column);
      });
    } else {
      it(`${c.name}: loads ${e.rows} rows`, () => {
        const table = load(c);
        expect(table.rowCount).toBe(e.rows);
        expect(table.columns.map((col) => col.name)).toEqual(e.columns);
        if (e.kinds) expect(table.columns.map((col) => col.kind)).toEqual(e.kinds);
        if (e.notice) expect(table.notices.join('\n')).toMatch(e.notice);
        if (e.encoding) expect(table.encoding).toMatch(e.encoding);
        if (e.lines) expect([...table.lines]).toEqual(e.lines);
        for (const [name, values] of Object.entries(e.numbers ?? {})) {
          const column = findColumn(table, name);
          expect([...(column?.numbers ?? [])].map((x) => (Number.isNaN(x) ? null : x))).toEqual(values);
        }
        for (const [name, labels] of Object.entries(e.categories ?? {})) expect(findColumn(table, name)?.categories).toEqual(labels);
        // Building with the defaults either works or says why: never another kind of exception.
        try {
          buildDataset(table, DEFAULT_DATA_SETTINGS, { seed: 1 });
        } catch (error) {
          expect(error).toBeInstanceOf(DataError);
        }
      });
    }
  }
});
