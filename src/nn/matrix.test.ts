import { describe, expect, it } from 'vitest';
import { Matrix } from './matrix';

describe('Matrix', () => {
  it('stores rows flat and row-major', () => {
    const m = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
  });

  it('refuses data of the wrong length, naming the shape', () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(/\(2×2\) needs 4 values, got 3/);
    expect(() => Matrix.fromRows([[1, 2], [3]])).toThrow(RangeError);
  });
});
