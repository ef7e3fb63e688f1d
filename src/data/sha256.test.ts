import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256 } from './sha256';

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Sha256', () => {
  it('gives the FIPS 180-4 digests of "" and "abc"', () => {
    expect(new Sha256().hex()).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const abc = new Sha256();
    abc.update(new TextEncoder().encode('abc'));
    expect(abc.hex()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives node:crypto’s digest whatever the pieces, across the padding lengths 55, 56, 63, 64 and 65', () => {
    let s = 11;
    const random = (n: number) => Uint8Array.from({ length: n }, () => (s = (s * 16807) % 2147483647) & 0xff);
    for (const n of [1, 55, 56, 63, 64, 65, 119, 1000, 100_003]) {
      const bytes = random(n);
      for (const piece of [1, 7, 64, 1000, n]) {
        const sha = new Sha256();
        for (let at = 0; at < n; at += piece) sha.update(bytes.subarray(at, at + piece));
        expect(sha.hex(), `${n} bytes in pieces of ${piece}`).toBe(reference(bytes));
      }
    }
  });
});
