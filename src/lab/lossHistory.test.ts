import { describe, expect, it } from 'vitest';
import { createLossHistory } from './lossHistory';

describe('loss history', () => {
  it('keeps the recent updates one by one, at their update index', () => {
    const h = createLossHistory({ recent: 4, buckets: 2 });
    [0.9, 0.8, 0.7].forEach((l) => h.push(l));
    expect(h.length).toBe(3);
    expect(h.last).toBe(0.7);
    expect(h.at(2)).toBe(0.8);
    expect(h.points().map((p) => [p.update, p.value, p.min, p.max, p.count])).toEqual([[1, 0.9, 0.9, 0.9, 1], [2, 0.8, 0.8, 0.8, 1], [3, 0.7, 0.7, 0.7, 1]]);
  });

  it('moves older updates into buckets of min / mean / max, doubling their size when they fill up', () => {
    // recent 2, buckets 2: after pushing 1..7, updates 6, 7 are recent and 1..5 are past.
    // Past: [1] [2] fill both buckets → merged into [1,2] (size 2); [3,4] fills the second → merged
    // into [1..4] (size 4); 5 opens the next bucket.
    const h = createLossHistory({ recent: 2, buckets: 2 });
    for (let t = 1; t <= 7; t++) h.push(t * 10);
    const points = h.points();
    expect(points.map((p) => [p.first, p.last, p.value, p.min, p.max, p.count])).toEqual([
      [1, 4, 25, 10, 40, 4], // mean of 10, 20, 30, 40
      [5, 5, 50, 50, 50, 1],
      [6, 6, 60, 60, 60, 1],
      [7, 7, 70, 70, 70, 1],
    ]);
    expect(points[0].update).toBe(2.5);
    expect(h.at(5)).toBeUndefined();
    expect(h.at(6)).toBe(60);
    expect(h.length).toBe(7);
  });

  it('stays bounded after 10 million pushes, and still covers every update', () => {
    const h = createLossHistory();
    for (let t = 1; t <= 10_000_000; t++) h.push(1 / t);
    expect(h.length).toBe(10_000_000);
    expect(h.storedPoints).toBeLessThanOrEqual(4096 + 1024 + 1);
    const points = h.points();
    expect(points).toHaveLength(h.storedPoints);
    expect(points[0].first).toBe(1);
    expect(points[0].max).toBe(1);
    expect(points[points.length - 1].last).toBe(10_000_000);
    // Spans are contiguous: each starts right after the previous one ends.
    for (let i = 1; i < points.length; i++) expect(points[i].first).toBe(points[i - 1].last + 1);
    expect(points.reduce((s, p) => s + p.count, 0)).toBe(10_000_000);
  });

  it('downsamples to at most maxPoints for a chart, weighting means by count', () => {
    const h = createLossHistory({ recent: 2, buckets: 2 });
    for (let t = 1; t <= 7; t++) h.push(t * 10);
    // Stored spans [1..4] (mean 25, 4 losses), 5, 6, 7 → two groups: [1..5] and [6..7].
    const points = h.downsampled(2);
    expect(points.map((p) => [p.first, p.last, p.value, p.min, p.max, p.count])).toEqual([
      [1, 5, (25 * 4 + 50) / 5, 10, 50, 5],
      [6, 7, 65, 60, 70, 2],
    ]);
    expect(h.downsampled(100)).toHaveLength(4);
  });

  it('leaves non-finite losses out of min, mean and max', () => {
    const h = createLossHistory({ recent: 1, buckets: 4 });
    [1, Number.NaN, 3].forEach((l) => h.push(l));
    const [past, gap, recent] = h.points();
    expect([past.first, past.last, past.value, past.count]).toEqual([1, 1, 1, 1]);
    expect([gap.first, gap.last, gap.value, gap.count]).toEqual([2, 2, Number.NaN, 0]);
    expect(recent).toMatchObject({ first: 3, value: 3 });
    // Merged with its neighbour, the NaN leaves the mean of the finite loss alone.
    const merged = createLossHistory({ recent: 1, buckets: 2 });
    [1, Number.NaN, 3].forEach((l) => merged.push(l));
    expect(merged.points()[0]).toMatchObject({ first: 1, last: 2, value: 1, min: 1, max: 1, count: 1 });
    expect(() => createLossHistory({ buckets: 3 })).toThrow(RangeError);
  });
});
