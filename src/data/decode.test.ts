import { describe, expect, it } from 'vitest';
import { checkFileSize, decodeCsvBytes, MAX_FILE_BYTES } from './decode';
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
});
