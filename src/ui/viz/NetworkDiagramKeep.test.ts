import { describe, expect, it } from 'vitest';
import { firstHalfColumn, keepEdgeValues, keepLooks } from './NetworkDiagramKeep';

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

describe('keepLooks', () => {
  // Two columns of three neurons at y = 0, 100, 200; a look is its text.
  const ys = [[0, 100, 200], [0, 100, 200]];
  const same = (a: { text: string }, b: { text: string }) => a.text === b.text;

  it('keeps the look of a neuron that draws the same, takes the new one of a neuron that changed', () => {
    const previous = keepLooks([], ys, null, (k, i) => ({ text: `${k}${i}` }), same);
    const next = keepLooks(previous, ys, null, (k, i) => ({ text: k === 1 && i === 2 ? 'new' : `${k}${i}` }), same);
    expect(next[0][0]).toBe(previous[0][0]);
    expect(next[1][1]).toBe(previous[1][1]);
    expect(next[1][2]).toEqual({ text: 'new' });
  });

  it('during play leaves the neurons outside the band as they were, without asking for their new look', () => {
    const previous = keepLooks([], ys, null, (k, i) => ({ text: `old ${k}${i}` }), same);
    const asked: string[] = [];
    const next = keepLooks(previous, ys, { top: 80, bottom: 120, margin: 30 }, (k, i) => {
      asked.push(`${k}${i}`);
      return { text: `new ${k}${i}` };
    }, same);
    expect(asked).toEqual(['01', '11']);
    expect(next.map((c) => c.map((l) => l.text))).toEqual([['old 00', 'new 01', 'old 02'], ['old 10', 'new 11', 'old 12']]);
    // A neuron drawn for the first time gets its look even outside the band; without a band, every one.
    expect(keepLooks([], ys, { top: 80, bottom: 120, margin: 30 }, () => ({ text: 'x' }), same)[0][2].text).toBe('x');
    expect(keepLooks(next, ys, null, (k, i) => ({ text: `new ${k}${i}` }), same)[0][0].text).toBe('new 00');
  });

  it('returns the previous column itself when every look in it is kept', () => {
    const previous = keepLooks([], ys, null, (k, i) => ({ text: `${k}${i}` }), same);
    const next = keepLooks(previous, ys, null, (k, i) => ({ text: k === 1 && i === 0 ? 'new' : `${k}${i}` }), same);
    expect(next[0]).toBe(previous[0]);
    expect(next[1]).not.toBe(previous[1]);
    expect(next[1].map((l) => l.text)).toEqual(['new', '11', '12']);
  });

  it('with a column filter, brings only those columns up to date and leaves the others without asking for them', () => {
    const previous = keepLooks([], ys, null, (k, i) => ({ text: `old ${k}${i}` }), same);
    const asked: string[] = [];
    const fresh = (k: number, i: number) => {
      asked.push(`${k}${i}`);
      return { text: `new ${k}${i}` };
    };
    const half = keepLooks(previous, ys, null, fresh, same, firstHalfColumn);
    expect(asked).toEqual(['00', '01', '02']);
    expect(half[0].map((l) => l.text)).toEqual(['new 00', 'new 01', 'new 02']);
    expect(half[1]).toBe(previous[1]);
    // The next render without the filter catches the other columns up; the first stays as it is.
    const whole = keepLooks(half, ys, null, fresh, same);
    expect(whole[0]).toBe(half[0]);
    expect(whole[1].map((l) => l.text)).toEqual(['new 10', 'new 11', 'new 12']);
    // A column drawn for the first time (or with another number of neurons) gets its looks even when filtered out.
    expect(keepLooks([], ys, null, fresh, same, firstHalfColumn)[1].map((l) => l.text)).toEqual(['new 10', 'new 11', 'new 12']);
    expect(keepLooks([previous[0], [previous[1][0]]], ys, null, fresh, same, firstHalfColumn)[1]).toHaveLength(3);
  });

  it('splits the columns of a network into the even ones first', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].filter(firstHalfColumn)).toEqual([0, 2, 4, 6]);
  });
});
