import { describe, expect, it } from 'vitest';
import { PAST_BUCKETS, RECENT_LOSSES, createLossHistory, lossHistoryOf, lossSeries, type LossPoint } from './lossHistory';

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
    expect(h.storedPoints).toBeLessThanOrEqual(RECENT_LOSSES + PAST_BUCKETS + 1);
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

  it('keeps the first loss and the recent tail once the past is bucketed', () => {
    const h = createLossHistory({ recent: 3, buckets: 2 });
    expect(h.first).toBeUndefined();
    expect(h.tail(5)).toEqual([]);
    for (let t = 1; t <= 9; t++) h.push(t * 10);
    expect(h.first).toBe(10);
    expect(h.tail(2)).toEqual([80, 90]);
    // Only the recent updates are at full resolution.
    expect(h.tail(9)).toEqual([70, 80, 90]);
    expect(h.tail(0)).toEqual([]);
  });

  it('downsamples in place exactly as grouping its stored points would', () => {
    // The reference: group points() in equal consecutive groups, as the chart's contract says.
    const reference = (points: LossPoint[], maxPoints: number) => {
      const group = Math.max(1, Math.ceil(points.length / maxPoints));
      const out: [number, number, number, number, number, number][] = [];
      for (let i = 0; i < points.length; i += group) {
        const part = points.slice(i, i + group);
        const n = part.reduce((c, p) => c + p.count, 0);
        const sum = part.reduce((c, p) => c + (p.count > 0 ? p.value * p.count : 0), 0);
        const finite = part.filter((p) => p.count > 0);
        out.push([part[0].first, part[part.length - 1].last, n > 0 ? sum / n : Number.NaN,
          n > 0 ? Math.min(...finite.map((p) => p.min)) : Number.NaN, n > 0 ? Math.max(...finite.map((p) => p.max)) : Number.NaN, n]);
      }
      return out;
    };
    const h = createLossHistory({ recent: 50, buckets: 8 });
    for (let t = 1; t <= 1000; t++) h.push(t % 97 === 0 ? Number.NaN : Math.sin(t) + 2);
    for (const maxPoints of [1, 2, 5, 7, 13, 40]) {
      const got = h.downsampled(maxPoints).map((p) => [p.first, p.last, p.value, p.min, p.max, p.count]);
      const want = reference(h.points(), maxPoints);
      expect(got).toHaveLength(want.length);
      got.forEach((row, i) => row.forEach((v, j) => (Number.isNaN(want[i][j]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(want[i][j], 12))));
      expect(got.length).toBeLessThanOrEqual(maxPoints);
    }
  });

  it('gives a chart series of the finite spans, one point per update while few', () => {
    const h = lossHistoryOf([3, Number.NaN, 1]);
    expect(lossSeries(h, 400)).toEqual([{ x: 1, y: 3 }, { x: 3, y: 1 }]);
    const long = lossHistoryOf(Array.from({ length: 1000 }, (_, i) => i + 1));
    const series = lossSeries(long, 10);
    expect(series).toHaveLength(10);
    // Groups of 100 updates: x at the middle update, y their mean.
    expect(series[0]).toEqual({ x: 50.5, y: 50.5 });
    expect(series[9]).toEqual({ x: 950.5, y: 950.5 });
  });
});
