import { typeColumns } from './columns';
import { CompactReader, loadCsvTextCompact } from './compact';
import { checkLooksLikeText, decodeCsvFile, startDecoding } from './decode';
import { looksLikeJson, parseJsonTable } from './json';
import type { Table } from './table';

/**
 * One call from a file's content to a typed table: what the parsing worker runs, and what the
 * Node tests run on the same files. Progress goes 0 → 0.9 while parsing, 1 when typed.
 * JSON (an array of records) is recognised and read too; other JSON is refused as JSON.
 */

/** Options of loadCsv: the file name (shown in messages) and an optional progress callback (0..1). */
export interface LoadOptions {
  name: string;
  onProgress?: (fraction: number) => void;
}

/** JSON for sure: a .json name, or a start no CSV header has (`[{`, `[[`, `["`, `{"` …). */
function surelyJson(text: string, name: string): boolean {
  return /\.json$/i.test(name) || /^\s*(?:\[\s*[[{"\d\-\]]|\{\s*["}])/.test(text.slice(0, 256));
}

/** CSV text (or JSON text) → typed table. Throws a DataError for files that cannot be read as a table. */
export function loadCsvText(text: string, options: LoadOptions): Table {
  let table: Table;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (looksLikeJson(body) && surelyJson(body, options.name)) table = typeColumns(parseJsonTable(body, options.name));
  else {
    const parseOptions = { name: options.name, onProgress: (f: number) => options.onProgress?.(0.9 * f) };
    // Numbers as numbers while parsing, other columns' text kept compactly (compact.ts).
    table = loadCsvTextCompact(text, parseOptions);
  }
  options.onProgress?.(1);
  return table;
}

/** File bytes → typed table (size limit, binary check, text decoding, then loadCsvText); `encoding` says how it was decoded. */
export function loadCsvBytes(bytes: Uint8Array, options: LoadOptions): Table {
  const { text, encoding } = decodeCsvFile(bytes, options.name);
  return { ...loadCsvText(text, options), encoding };
}

/** A file's bytes, read a piece at a time (a File in the worker: Blob.slice; bytes in memory in tests). */
export interface ByteSource {
  /** The file's length in bytes. */
  size: number;
  /** Up to `length` bytes from `offset` (fewer only at the end). */
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Called with each array `read` gave once the loader is done with it (the worker gives its memory back). */
  done?(bytes: Uint8Array): void;
}

/** Options of loadCsvSource: loadCsv's, and the bytes read at a time (default 1 MB). */
export interface SourceLoadOptions extends LoadOptions {
  chunkBytes?: number;
}

/**
 * Bytes decoded and parsed at a time (see loadCsvSource). The piece in hand and its rows are what
 * survives each young-generation collection, and V8 grows that generation once the survivors add
 * up to its size: with 64 KB pieces the parsing worker's grew to 16 MB on the 45 MB file, with 16 KB
 * ones to 8 MB (Chrome memory-infra trace), memory V8 keeps for 8 s after the worker ends.
 */
const PIECE_BYTES = 1 << 14;

/** Characters held before a file is known to be CSV or JSON: decodeCsvFile's binary check reads the first 8,192. */
const HEAD_CHARS = 8192;

/** Rows a file of `size` bytes may hold, from its start: a little above what its first lines' length gives. */
function expectedRows(start: string, startBytes: number, size: number): number {
  let breaks = 0;
  for (let i = start.indexOf('\n'); i >= 0; i = start.indexOf('\n', i + 1)) breaks++;
  if (breaks === 0) for (let i = start.indexOf('\r'); i >= 0; i = start.indexOf('\r', i + 1)) breaks++;
  const bytesPerLine = startBytes / Math.max(1, breaks);
  return Math.ceil((size / bytesPerLine) * 1.03) + 64;
}

/**
 * loadCsvBytes on a file read piece by piece, never holding its bytes or its text whole: each piece is
 * decoded (startDecoding) and parsed (CompactReader) as it arrives, so a 45 MB file costs about its
 * typed columns. Gives loadCsvBytes's table (encoding included) and DataErrors. JSON, read by
 * JSON.parse, is still held whole; a column that turns to text late makes a second pass over the file.
 * Progress goes 0 → 0.9 while reading, 1 when typed.
 */
export async function loadCsvSource(source: ByteSource, options: SourceLoadOptions): Promise<Table> {
  const { name, size } = { name: options.name, size: source.size };
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const head = await source.read(0, Math.min(size, 4096));
  startDecoding(head, size, name); // a file too large or binary is refused before anything is read
  let textColumns: ReadonlySet<number> = new Set();
  for (let pass = 0; ; pass++) {
    const decoder = startDecoding(head, size, name);
    let start: string[] = [];
    let startLength = 0;
    let reader: CompactReader | null = null;
    let json: string[] | null = null;
    /** Routes decoded text: held until the start is known, then to the reader or, for JSON, kept. */
    const take = (text: string, bytesRead: number, last: boolean): void => {
      if (reader) return reader.push(text);
      if (json) return void json.push(text);
      start.push(text);
      startLength += text.length;
      if (startLength < HEAD_CHARS && !last) return;
      const startText = start.join('');
      start = [];
      checkLooksLikeText(startText, name);
      const body = startText.charCodeAt(0) === 0xfeff ? startText.slice(1) : startText;
      if (looksLikeJson(body) && surelyJson(body, name)) {
        json = [startText];
        return;
      }
      reader = new CompactReader({ name, expectedRows: expectedRows(startText, bytesRead, size), textColumns });
      reader.push(startText);
    };
    let offset = decoder.start;
    let last: boolean;
    do {
      const bytes = await source.read(offset, chunkBytes);
      const read = offset;
      offset += bytes.length;
      last = bytes.length === 0 || offset >= size;
      // Decoded and parsed 16 KB at a time: each piece's strings stay small enough for the young
      // generation, so they die in its quick collections instead of piling up among the old objects.
      for (let at = 0; at < bytes.length || (last && at === 0); at += PIECE_BYTES) {
        const end = Math.min(bytes.length, at + PIECE_BYTES);
        take(decoder.decode(bytes.subarray(at, end), last && end === bytes.length), read + end, last && end === bytes.length);
      }
      source.done?.(bytes);
      if (pass === 0) options.onProgress?.(0.9 * Math.min(1, offset / Math.max(1, size)));
    } while (!last);
    const encoding = decoder.encoding();
    if (json) {
      const table = loadCsvText((json as string[]).join(''), { name });
      options.onProgress?.(1);
      return { ...table, encoding };
    }
    const result = (reader as CompactReader | null)?.finish();
    if (!result) throw new Error('loadCsvSource: the reader never started');
    if ('columns' in result) {
      options.onProgress?.(1);
      return { ...result, encoding };
    }
    textColumns = result.textColumns;
  }
}
