import { DataError } from './errors';

/**
 * Bytes of an uploaded file → text, refusing what is not a CSV: files above 50 MB, images, PDFs,
 * spreadsheets and other binary files. UTF-8 (with or without BOM) and UTF-16 with BOM are decoded;
 * other bytes fall back to Windows-1252, as older spreadsheet exports use.
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

/** Decodes a file's bytes to text (see above). Throws a DataError for binary files. */
export function decodeCsvBytes(bytes: Uint8Array, name: string): string {
  checkFileSize(bytes.length, name);
  for (const signature of SIGNATURES) if (startsWith(bytes, signature.bytes)) throw notText(name, signature.what);
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = new TextDecoder('windows-1252').decode(body);
    }
  }
  checkLooksLikeText(text, name);
  return text;
}
