import { describe, expect, it } from 'vitest';
import { checkFileSize, decodeCsvBytes, decodeCsvFile, detectUtf16, MAX_FILE_BYTES } from './decode';
import { DataError } from './errors';

describe('decodeCsvBytes', () => {
  it('refuses files above 50 MB with the size in the message', () => {
    expect(() => checkFileSize(MAX_FILE_BYTES, 'ok.csv')).not.toThrow();
    expect(() => checkFileSize(MAX_FILE_BYTES + 1, 'big.csv')).toThrow(DataError);
    expect(() => checkFileSize(60 * 1024 * 1024, 'big.csv')).toThrow(/"big.csv" is 60.0 MB; the lab loads files up to 50 MB/);
  });
  it('strips a UTF-8 BOM and keeps accents', () => {
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('é,b')]), 'x.csv')).toBe('é,b');
  });
  it('falls back to Windows-1252 for bytes that are not UTF-8', () => {
    expect(decodeCsvBytes(Uint8Array.from([0x43, 0xe9, 0x3b, 0xfc]), 'x.csv')).toBe('Cé;ü');
  });
  it('refuses control-character soup without NULs', () => {
    const soup = Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41));
    expect(() => decodeCsvBytes(soup, 'x.bin')).toThrow(/not a text file/);
  });
  it('recognises UTF-16 without a BOM by its NUL bytes, and not random binary', () => {
    const le = Uint8Array.from([...'é,b\n1,2\n'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
    const be = Uint8Array.from([...'x;y\n3;4\n'].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
    expect(detectUtf16(le)).toBe('utf-16le');
    expect(decodeCsvFile(le, 'x.csv').text).toBe('é,b\n1,2\n');
    expect(decodeCsvFile(be, 'x.csv')).toEqual({ text: 'x;y\n3;4\n', encoding: 'UTF-16 BE (no byte-order mark: recognised by its NUL bytes)' });
    expect(detectUtf16(Uint8Array.from([1, 2, 0, 0, 7, 200, 13, 0, 5]))).toBeNull();
    expect(detectUtf16(new TextEncoder().encode('a,b\n1,2\n'))).toBeNull();
  });
  it('decodes a file mixing UTF-8 and Latin-1 line by line and says so', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('Occupé\n'), 0x4f, 0x63, 0x63, 0x75, 0x70, 0xe9, 0x0a]);
    expect(decodeCsvFile(bytes, 'x.csv')).toEqual({ text: 'Occupé\nOccupé\n', encoding: 'UTF-8, with 1 line in Windows-1252 (not valid UTF-8: line 2)' });
  });
});
