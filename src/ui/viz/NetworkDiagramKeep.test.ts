import { describe, expect, it } from 'vitest';
import { keepEdgeValues } from './NetworkDiagramKeep';

describe('keepEdgeValues', () => {
  it('keeps the previous arrays (and the list itself) while the numbers are the same', () => {
    const previous = keepEdgeValues([], [Float64Array.from([1, -2]), null]);
    const next = keepEdgeValues(previous, [Float64Array.from([1, -2]), null]);
    expect(next).toBe(previous);
  });

  it('takes a changed layer and keeps the unchanged one', () => {
    const previous = keepEdgeValues([], [Float64Array.from([1, -2]), Float64Array.from([3])]);
    const next = keepEdgeValues(previous, [Float64Array.from([1, -2]), Float64Array.from([3.5])]);
    expect(next).not.toBe(previous);
    expect(next[0]).toBe(previous[0]);
    expect(Array.from(next[1]!)).toEqual([3.5]);
    // A layer that becomes blank (not revealed) or comes back is a change too.
    expect(keepEdgeValues(next, [next[0], null])[1]).toBeNull();
    expect(keepEdgeValues([null], [Float64Array.from([0])])[0]).toEqual(Float64Array.from([0]));
  });

  it('copies what it keeps, so a buffer changed in place afterwards still counts as a change', () => {
    const live = Float64Array.from([1, 2]);
    const drawn = keepEdgeValues([], [live]);
    expect(drawn[0]).not.toBe(live);
    live[1] = 5; // the network trains in place
    const next = keepEdgeValues(drawn, [live]);
    expect(next).not.toBe(drawn);
    expect(Array.from(next[0]!)).toEqual([1, 5]);
    expect(Array.from(drawn[0]!)).toEqual([1, 2]);
  });

  it('treats NaN as equal to NaN (a diverged layer does not redraw every step)', () => {
    const previous = keepEdgeValues([], [Float64Array.from([Number.NaN])]);
    expect(keepEdgeValues(previous, [Float64Array.from([Number.NaN])])).toBe(previous);
  });
});
