import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, shuffleInPlace } from './rng';

describe('createRng', () => {
  it('reproduces the reference mulberry32 stream (pinned, so Node and browsers can be compared)', () => {
    // Values × 2³² are integers; pinned from this implementation, the first one matches the
    // widely published mulberry32(1) = 0.6270739405881613.
    const random = createRng(1);
    expect([random(), random(), random()].map((v) => v * 2 ** 32)).toEqual([2693262067, 11749833, 2265367787]);
    expect(createRng(1)()).toBe(0.6270739405881613);
  });

  it('is deterministic per seed and different across seeds', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const sa = Array.from({ length: 100 }, a), sb = Array.from({ length: 100 }, b), sc = Array.from({ length: 100 }, c);
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('is uniform on [0, 1): mean ≈ ½ and variance ≈ 1/12 over 100 000 draws', () => {
    const random = createRng(7);
    let sum = 0, sumSq = 0, min = 1, max = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = random();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumSq += u * u;
    }
    expect(min >= 0 && max < 1).toBe(true);
    // Standard error of the mean is √(1/12/n) ≈ 0.0009; 0.005 is over 5 standard errors.
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - (sum / n) ** 2 - 1 / 12)).toBeLessThan(0.005);
  });
});

describe('deriveSeed and shuffleInPlace', () => {
  it('derive distinct 32-bit seeds per stream', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, e) => deriveSeed(5, e)));
    expect(seeds.size).toBe(1000);
    expect(deriveSeed(5, 3)).toBe(deriveSeed(5, 3));
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it('shuffle gives a permutation, the same for the same seed', () => {
    const a = Int32Array.from({ length: 100 }, (_, i) => i);
    const b = a.slice();
    shuffleInPlace(a, createRng(9));
    shuffleInPlace(b, createRng(9));
    expect(a).toEqual(b);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(a)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
