import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDecoding, decodeCsvFile } from './decode';
import { CORPUS } from './fixtures/corpus';
import { loadCsvBytes, loadCsvSource, type ByteSource } from './load';
import type { Table } from './table';
import { bigCsv } from './testing/bigCsv';
import { occupancyAvailable, occupancyPath } from './testing/occupancyFiles';

/** Bytes in memory as a ByteSource, counting the largest read (the worker reads a File the same way). */
function source(bytes: Uint8Array): ByteSource & { largest: number } {
  const s = {
    size: bytes.length,
    largest: 0,
    read: async (offset: number, length: number) => {
      const piece = bytes.slice(offset, Math.min(bytes.length, offset + length));
      s.largest = Math.max(s.largest, piece.length);
      return piece;
    },
  };
  return s;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** loadCsvBytes's table, or its error message. */
function whole(bytes: Uint8Array, name: string): Table | string {
  try {
    return loadCsvBytes(bytes, { name });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function streamed(bytes: Uint8Array, name: string, chunkBytes?: number): Promise<Table | string> {
  try {
    return await loadCsvSource(source(bytes), { name, chunkBytes });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The streamed table equals loadCsvBytes's (encoding, notices, lines, every typed array), or both refuse with one message. */
async function expectSame(bytes: Uint8Array, name: string, chunks: (number | undefined)[] = [1, 7, 64, 4096, undefined]): Promise<Table | string> {
  const expected = whole(bytes, name);
  for (const chunkBytes of chunks) expect(await streamed(bytes, name, chunkBytes), `${name} in pieces of ${chunkBytes ?? '1 MB'}`).toEqual(expected);
  return expected;
}

const lines = (header: string, rows: number, row: (i: number) => string) => `${header}\n${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}\n`;

describe('loadCsvSource (a file read piece by piece)', () => {
  it('gives loadCsvBytes’s table or refusal on every file of the corpus, in pieces of 1, 7, 64 and 4,096 bytes and 1 MB', async () => {
    let loaded = 0;
    for (const c of CORPUS) {
      const bytes = typeof c.content === 'string' ? utf8(c.content) : c.content;
      if (typeof (await expectSame(bytes, c.name)) === 'object') loaded++;
    }
    expect(loaded).toBeGreaterThan(CORPUS.length / 2);
  });

  it('keeps pieces cut inside a UTF-8 character, a UTF-16 pair, a CRLF and a quoted newline', async () => {
    const text = lines('"note",température,label', 300, (i) => `"ligne ${i}\r\nsuite é ${'🙂'.repeat(i % 3)}",${(i * 0.7).toFixed(1)},${i % 2}`).replace(/\n/g, '\r\n');
    await expectSame(utf8(text), 'crlf.csv', [1, 2, 3, 5, 13, 100]);
    const le = Uint8Array.from([0xff, 0xfe, ...Array.from(text, (c) => c.charCodeAt(0)).flatMap((u) => [u & 0xff, u >> 8])]);
    const table = await expectSame(le, 'utf16.csv', [1, 3, 101]) as Table;
    expect(table.encoding).toBe('UTF-16 LE');
  });

  it('falls back to Windows-1252 for lines that are not UTF-8 far into the file, and says which', async () => {
    const start = utf8(lines('Pièce,x,label', 2000, (i) => `café,${i},${i % 2}`));
    const latin = Uint8Array.from([...'bar', 0xe9, ...',1,0\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
    const bytes = new Uint8Array(start.length + latin.length);
    bytes.set(start);
    bytes.set(latin, start.length);
    const table = await expectSame(bytes, 'mixed.csv', [7, 1000, undefined]) as Table;
    expect(table.encoding).toBe('UTF-8, with 1 line in Windows-1252 (not valid UTF-8: line 2002)');
    const all = Uint8Array.from('Pi\xe8ce;x;label\nbar;1;0\ncaf\xe9;2;1\n', (c) => c.charCodeAt(0));
    expect((await expectSame(all, 'latin1.csv', [1, 5])  as Table).encoding).toBe('Windows-1252 (not valid UTF-8)');
  });

  it('reads a sep= line, a BOM, JSON, and a column that turns to text after 1,000 rows (a second pass)', async () => {
    await expectSame(utf8(`\ufeffsep=;\n${lines('a;b;label', 50, (i) => `${i},5;${i};${i % 2}`)}`), 'sep.csv', [3, 50]);
    await expectSame(utf8(JSON.stringify(Array.from({ length: 40 }, (_, i) => ({ x: i, y: i / 2, label: i % 2 })))), 'records.json', [5, 100]);
    const late = await expectSame(utf8(lines('a,b,label', 2000, (i) => `${i === 1500 ? 'oops' : i},${i * 2},${i % 2}`)), 'late.csv', [64, undefined]) as Table;
    expect(late.columns[0].kind).toBe('text');
  });

  it('never reads more than its piece at a time, on 100,000 rows and on UCI Occupancy when its files are there', async () => {
    const bytes = utf8(bigCsv(100_000));
    const s = source(bytes);
    const progress: number[] = [];
    const table = await loadCsvSource(s, { name: 'big.csv', chunkBytes: 1 << 16, onProgress: (f) => progress.push(f) });
    expect(table).toEqual(whole(bytes, 'big.csv'));
    expect(s.largest).toBe(1 << 16);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
    expect(progress[progress.length - 1]).toBe(1);
    if (occupancyAvailable(['datatraining.txt'])) {
      await expectSame(new Uint8Array(readFileSync(occupancyPath('datatraining.txt'))), 'datatraining.txt', [1 << 12, undefined]);
    }
  }, 60_000);
});

describe('startDecoding', () => {
  it('refuses what decodeCsvFile refuses from the first bytes alone', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(() => startDecoding(png, 1 << 20, 'x.png')).toThrow(/PNG image/);
    expect(() => startDecoding(utf8('a,b\n'), 60 * 1024 * 1024, 'big.csv')).toThrow(/60.0 MB/);
    expect(() => decodeCsvFile(png, 'x.png')).toThrow(/PNG image/);
  });
});
