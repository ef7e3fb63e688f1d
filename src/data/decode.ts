import { DataError } from './errors';

/**
 * Bytes of an uploaded file → text, refusing what is not a CSV: files above 50 MB, images, PDFs,
 * spreadsheets and other binary files. UTF-8 (with or without BOM) and UTF-16 (with a BOM, or without
 * one, recognised by its NUL bytes) are decoded; lines that are not UTF-8 fall back to Windows-1252,
 * as older spreadsheet exports use.
 */

/** Largest file accepted (50 MB). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Throws a DataError when a file of `size` bytes is too large to load. */
export function checkFileSize(size: number, name: string): void {
  if (size > MAX_FILE_BYTES) {
    const mb = (size / (1024 * 1024)).toFixed(1);
    throw new DataError(
      `"${name}" is ${mb} MB; the lab loads files up to 50 MB.`,
      'Use a sample of the rows (for example the first 200,000) or fewer columns, saved as a new CSV.',
    );
  }
}

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive or an Excel/OpenDocument workbook' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Word file' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function notText(name: string, what: string): DataError {
  return new DataError(
    `"${name}" is not a text file: it looks like ${what}.`,
    'Choose a CSV file: plain text with comma-, semicolon- or tab-separated values ' +
      '(in a spreadsheet: File → Save as / Download → CSV).',
  );
}

/** Throws when text holds NUL or many control characters, the mark of a binary file. */
export function checkLooksLikeText(text: string, name: string): void {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) throw notText(name, 'binary data (it contains NUL bytes)');
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.05) throw notText(name, 'binary data');
}

/** How a file's bytes were turned into text, as the data panel's note shows it. */
export interface DecodedText {
  text: string;
  /** E.g. 'UTF-8', 'UTF-16 LE (no byte-order mark: detected from its NUL bytes)', 'Windows-1252'. */
  encoding: string;
}

/**
 * UTF-16 without a byte-order mark, told by its NUL bytes: ASCII text in UTF-16 LE has a NUL at every
 * odd offset (BE: every even one). Over the first 4 KB, at least 40 % of one parity's bytes must be
 * NUL and at most 2 % of the other's; random binary data with a few NULs fails the second test.
 */
export function detectUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= 0.4 * pairs && evenNul <= 0.02 * pairs) return 'utf-16le';
  if (evenNul >= 0.4 * pairs && oddNul <= 0.02 * pairs) return 'utf-16be';
  return null;
}

/**
 * Text that is not valid UTF-8 throughout, decoded line by line: each line that is valid UTF-8 stays
 * UTF-8 (an accent written by one program), the others are read as Windows-1252 (one written by an
 * older one), so a file mixing both shows "Occupé" on every line instead of "OccupÃ©".
 */
function decodeMixed(body: Uint8Array): DecodedText {
  const tally: MixedTally = { utf8Accents: 0, fallbackLines: [] };
  const text = decodeLinesMixed(body, 1, tally, new TextDecoder('windows-1252'));
  return { text, encoding: mixedEncoding(tally) };
}

/** What a line-by-line decoding met: lines with UTF-8 accents, and the lines (1-based) read as Windows-1252. */
interface MixedTally {
  utf8Accents: number;
  fallbackLines: number[];
}

/**
 * Whole lines, the first of them line `firstLine` of the file, decoded one by one: a line with no byte
 * ≥ 0x80 as it is, one that is valid UTF-8 as UTF-8, any other as Windows-1252; `tally` counts them.
 */
function decodeLinesMixed(body: Uint8Array, firstLine: number, tally: MixedTally, cp1252: TextDecoder): string {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let line = firstLine;
  for (let start = 0; start < body.length; line++) {
    let end = body.indexOf(0x0a, start);
    end = end < 0 ? body.length : end + 1;
    const slice = body.subarray(start, end);
    let high = false;
    for (let i = 0; i < slice.length && !high; i++) high = slice[i] >= 0x80;
    if (!high) parts.push(cp1252.decode(slice));
    else {
      try {
        parts.push(utf8.decode(slice));
        tally.utf8Accents++;
      } catch {
        parts.push(cp1252.decode(slice));
        tally.fallbackLines.push(line);
      }
    }
    start = end;
  }
  return parts.join('');
}

/** How a line-by-line decoding read the text: Windows-1252 throughout, or UTF-8 with the lines that were not. */
function mixedEncoding({ utf8Accents, fallbackLines }: MixedTally): string {
  if (utf8Accents === 0) return 'Windows-1252 (not valid UTF-8)';
  const n = fallbackLines.length;
  const shown = fallbackLines.slice(0, 5).join(', ') + (n > 5 ? ', …' : '');
  return `UTF-8, with ${n} line${n === 1 ? '' : 's'} in Windows-1252 (not valid UTF-8: line${n === 1 ? '' : 's'} ${shown})`;
}

/**
 * Decodes a file's bytes to text and says how (see above): a byte-order mark decides first, then the
 * NUL pattern of UTF-16 without one, then UTF-8, with Windows-1252 for the lines that are not UTF-8.
 * Throws a DataError for files that are too large or binary.
 */
export function decodeCsvFile(bytes: Uint8Array, name: string): DecodedText {
  checkFileSize(bytes.length, name);
  for (const signature of SIGNATURES) if (startsWith(bytes, signature.bytes)) throw notText(name, signature.what);
  let decoded: DecodedText;
  if (startsWith(bytes, [0xff, 0xfe])) decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16 LE' };
  else if (startsWith(bytes, [0xfe, 0xff])) decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16 BE' };
  else {
    const utf16 = detectUtf16(bytes);
    if (utf16) {
      decoded = {
        text: new TextDecoder(utf16).decode(bytes),
        encoding: `UTF-16 ${utf16 === 'utf-16le' ? 'LE' : 'BE'} (no byte-order mark: recognised by its NUL bytes)`,
      };
    } else {
      const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
      const body = bom ? bytes.subarray(3) : bytes;
      try {
        decoded = { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: bom ? 'UTF-8 (with BOM)' : 'UTF-8' };
      } catch {
        decoded = decodeMixed(body);
      }
    }
  }
  checkLooksLikeText(decoded.text, name);
  return decoded;
}

/** Decodes a file's bytes to text (decodeCsvFile without the encoding). Throws a DataError for binary files. */
export function decodeCsvBytes(bytes: Uint8Array, name: string): string {
  return decodeCsvFile(bytes, name).text;
}

/**
 * A file's bytes decoded piece by piece, so a 45 MB file is never held whole: made from the file's
 * first bytes (≥ 4 KB, or all of a smaller file) by startDecoding, then given the bytes from `start`
 * on, in pieces of any size. The text of all pieces is what decodeCsvFile gives for the whole file,
 * and `encoding()` then says the same, with one difference a user never meets: a byte-order mark at
 * the start of a later line that is valid UTF-8 is kept as U+FEFF (decodeCsvFile's line-by-line
 * fallback drops it).
 */
export interface StreamDecoder {
  /** Bytes to skip at the start of the file (its byte-order mark). */
  start: number;
  /** Text of the next bytes; a character (or, for UTF-8, a line) cut at the end waits for the next call, `last` flushes. */
  decode(bytes: Uint8Array, last: boolean): string;
  /** How the bytes were decoded: final once the last bytes are decoded (a later line may not be UTF-8). */
  encoding(): string;
}

/** UTF-16 with or without a byte-order mark: the platform's streaming decoder. */
function utf16Decoder(label: 'utf-16le' | 'utf-16be', start: number, encoding: string): StreamDecoder {
  const decoder = new TextDecoder(label);
  return { start, encoding: () => encoding, decode: (bytes, last) => decoder.decode(bytes, { stream: !last }) };
}

/**
 * UTF-8, with Windows-1252 for the lines that are not UTF-8 (see decodeMixed). Each piece is decoded
 * up to its last line break: as one block of UTF-8 when it is valid, line by line otherwise, so the
 * lines keep decodeMixed's choices. A file without line feeds is held until its end.
 */
function utf8Decoder(bom: boolean): StreamDecoder {
  const cp1252 = new TextDecoder('windows-1252');
  let carry: Uint8Array = new Uint8Array(0);
  let first = true;
  let line = 1;
  const tally: MixedTally = { utf8Accents: 0, fallbackLines: [] };

  /** Whole lines (the last one may lack its line feed only when `last`). */
  const decodeLines = (body: Uint8Array): string => {
    let hasHigh = false;
    for (let i = 0; i < body.length && !hasHigh; i++) hasHigh = body[i] >= 0x80;
    let lines = 0;
    for (let i = body.indexOf(0x0a); i >= 0; i = body.indexOf(0x0a, i + 1)) lines++;
    if (body.length > 0 && body[body.length - 1] !== 0x0a) lines++;
    if (!hasHigh) {
      line += lines;
      first = false;
      return cp1252.decode(body);
    }
    try {
      // A fresh decoder drops a byte-order mark at its start: only the file's start may lose one, as decodeCsvFile does.
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: !first }).decode(body);
      for (let start = 0; start < body.length;) {
        let end = body.indexOf(0x0a, start);
        end = end < 0 ? body.length : end + 1;
        for (let i = start; i < end; i++) {
          if (body[i] >= 0x80) {
            tally.utf8Accents++;
            break;
          }
        }
        start = end;
      }
      line += lines;
      first = false;
      return text;
    } catch {
      const text = decodeLinesMixed(body, line, tally, cp1252);
      line += lines;
      first = false;
      return text;
    }
  };

  return {
    start: bom ? 3 : 0,
    decode(bytes, last) {
      let body = bytes;
      if (carry.length > 0) {
        body = new Uint8Array(carry.length + bytes.length);
        body.set(carry);
        body.set(bytes, carry.length);
      }
      if (last) {
        carry = new Uint8Array(0);
        return decodeLines(body);
      }
      const cut = body.lastIndexOf(0x0a) + 1;
      carry = body.slice(cut);
      return cut === 0 ? '' : decodeLines(body.subarray(0, cut));
    },
    encoding() {
      if (tally.fallbackLines.length === 0) return bom ? 'UTF-8 (with BOM)' : 'UTF-8';
      return mixedEncoding(tally);
    },
  };
}

/**
 * The decoder for a file of `size` bytes starting with `head` (its first 4 KB or more; all of a smaller
 * file), chosen as decodeCsvFile chooses. Throws decodeCsvFile's DataError for a file too large or of a
 * known binary kind; whether the text looks like text is for the reader to check (checkLooksLikeText).
 */
export function startDecoding(head: Uint8Array, size: number, name: string): StreamDecoder {
  checkFileSize(size, name);
  for (const signature of SIGNATURES) if (startsWith(head, signature.bytes)) throw notText(name, signature.what);
  if (startsWith(head, [0xff, 0xfe])) return utf16Decoder('utf-16le', 2, 'UTF-16 LE');
  if (startsWith(head, [0xfe, 0xff])) return utf16Decoder('utf-16be', 2, 'UTF-16 BE');
  const utf16 = detectUtf16(head);
  if (utf16) return utf16Decoder(utf16, 0, `UTF-16 ${utf16 === 'utf-16le' ? 'LE' : 'BE'} (no byte-order mark: recognised by its NUL bytes)`);
  return utf8Decoder(startsWith(head, [0xef, 0xbb, 0xbf]));
}
