import { afterEach, describe, expect, it } from 'vitest';
import { accumulateProduct, productTransposeB } from './kernels';
import { createRng } from './rng';
import { simdKernels, enableSimdKernels } from './simd';

/** Values of mixed sign and magnitude, so that a different order of additions would round differently. */
function values(length: number, seed: number): Float64Array {
  const random = createRng(seed);
  return Float64Array.from({ length }, () => (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3));
}

const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));

// Every combination of row, term and column tails: n mod 4, k mod 4 and m mod 2 all occur.
const SHAPES = [[64, 64, 50], [64, 5, 50], [1, 64, 50], [7, 9, 13], [5, 3, 1], [64, 64, 43], [3, 1, 2], [1, 1, 1], [2, 7, 4], [10, 33, 64], [33, 20, 9]];

describe('the WebAssembly SIMD kernels', () => {
  afterEach(() => {
    enableSimdKernels(false);
  });

  it('are off until asked for, and compile in Node 20', () => {
    expect(simdKernels()).toBeNull();
    expect(enableSimdKernels()).toBe(true);
    expect(simdKernels()).not.toBeNull();
    expect(enableSimdKernels(false)).toBe(false);
    expect(simdKernels()).toBeNull();
  });

  it.each(SHAPES)('out += A·B (%i×%i)·(…×%i), A read directly and transposed: the JavaScript kernel\'s bits', (n, k, m) => {
    for (const [rowStride, colStride, aLength] of [[k, 1, n * k], [1, n, k * n]]) {
      const a = values(aLength, n + k), b = values(k * m, m), start = values(n * m, 3);
      const js = start.slice(), simd = start.slice();
      accumulateProduct(a, rowStride, colStride, b, js, n, k, m); // below the size threshold or with SIMD off: JavaScript
      expect(enableSimdKernels()).toBe(true);
      simdKernels()?.product(a, rowStride, colStride, b, simd, n, k, m);
      enableSimdKernels(false);
      expect(bits(simd)).toEqual(bits(js));
    }
  });

  it.each(SHAPES)('dW = s·A·Bᵀ (%i×%i)·(…×%i)ᵀ: productTransposeB\'s bits, with and without SIMD', (n, k, m) => {
    const a = values(n * m, 5), b = values(k * m, 6);
    const js = values(n * k, 7), simd = js.slice();
    productTransposeB(a, b, js, n, k, m, 0.02);
    expect(enableSimdKernels()).toBe(true);
    productTransposeB(a, b, simd, n, k, m, 0.02);
    // the region SIMD computes directly, to cover shapes under the size threshold too
    const n2 = n - (n % 2), k4 = k - (k % 4), direct = js.slice();
    if (n2 > 0 && k4 > 0) simdKernels()?.productTransposeB(a, b, direct, n2, k4, m, k, 0.02);
    expect(bits(simd)).toEqual(bits(js));
    expect(bits(direct)).toEqual(bits(js));
  });
});
