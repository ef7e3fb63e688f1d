import { describe, expect, it } from 'vitest';
import { elideEdgeValues, elideInputs, elideNodeValues } from './inputElision';

describe('elideInputs', () => {
  it('keeps every input up to the limit and puts a marker in the last slot above it', () => {
    expect(elideInputs([5, 8, 1], 32)).toEqual({ shown: 5, hidden: 0, sizes: [5, 8, 1], marker: null });
    expect(elideInputs([32, 8, 1], 32)).toEqual({ shown: 32, hidden: 0, sizes: [32, 8, 1], marker: null });
    // 5,000 − 31 = 4,969 hidden; 31 drawn + the marker = 32 slots.
    expect(elideInputs([5000, 8, 4, 1], 32)).toEqual({ shown: 31, hidden: 4969, sizes: [32, 8, 4, 1], marker: '+4,969 more' });
    expect(elideInputs([33, 2], 32).marker).toBe('+2 more');
  });
});

describe('elideEdgeValues and elideNodeValues', () => {
  it('keep the first inputs’ weights of each neuron in layout order, NaN for the marker', () => {
    // W (2 × 4) row-major: W[i][j] = 10·i + j; 2 inputs drawn and the marker.
    const W = Float64Array.from([0, 1, 2, 3, 10, 11, 12, 13]);
    const elision = elideInputs([4, 2], 3);
    expect(elision.shown).toBe(2);
    expect(Array.from(elideEdgeValues(W, 2, 4, elision) ?? [])).toEqual([0, 1, NaN, 10, 11, NaN]);
    expect(elideNodeValues(['a', 'b', 'c', 'd'], elision)).toEqual(['a', 'b', undefined]);
  });

  it('give the values as they are when nothing is hidden, and null for null', () => {
    const W = Float64Array.from([1, 2]);
    const none = elideInputs([2, 1], 32);
    expect(elideEdgeValues(W, 1, 2, none)).toBe(W);
    expect(elideEdgeValues(null, 1, 2, elideInputs([40, 1], 32))).toBeNull();
    expect(elideNodeValues([1, 2], none)).toEqual([1, 2]);
  });
});
