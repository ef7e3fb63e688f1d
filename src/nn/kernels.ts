/**
 * The inner loops of the matrix products, on flat row-major Float64Arrays. matrix.ts checks the
 * shapes and says what is computed; these only make it fast (about 2–3·10⁹ multiply-adds per
 * second in V8, without SIMD):
 * - i-k-j order: the innermost loop runs along contiguous rows;
 * - register blocking: a few rows of the output are computed together, so each value loaded
 *   from memory feeds several products and each output element is loaded and stored once per
 *   four products;
 * - independent partial sums, so additions do not wait on one another;
 * - once enableSimdKernels() has compiled them (simd.ts), the same loops in WebAssembly, two output
 *   columns per instruction: each lane does this file's operations in this file's order, so every
 *   result is the same to the last bit with or without them (fingerprint.test.ts pins both).
 */
import type { SimdKernels } from './simd';

/**
 * The SIMD kernels in use, or null: set by simd.ts's enableSimdKernels (kernels.ts does not import it, so
 * a page can load the module assembler and its compile after its first render, as a chunk of its own).
 */
let simd: SimdKernels | null = null;

/** Makes the products use `kernels` (simd.ts's enableSimdKernels), or the JavaScript loops with null. */
export function setSimdKernels(kernels: SimdKernels | null): void {
  simd = kernels;
}

/**
 * Products smaller than this many multiply-adds stay in JavaScript, where copying the operands
 * into WebAssembly's memory would cost about as much as the SIMD saves.
 */
const SIMD_MIN_PRODUCT = 4096;

/**
 * out += A·B, with A n × k read through strides (A(i, p) = a[i·rowStride + p·colStride], so Aᵀ can
 * be read in place), B k × m and out n × m row-major. Blocks of 4 rows of out × 4 terms.
 */
export function accumulateProduct(
  a: Float64Array, rowStride: number, colStride: number, b: Float64Array, out: Float64Array, n: number, k: number, m: number,
): void {
  if (simd && n * k * m >= SIMD_MIN_PRODUCT) {
    simd.product(a, rowStride, colStride, b, out, n, k, m);
    return;
  }
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * m, o1 = o0 + m, o2 = o1 + m, o3 = o2 + m;
    const r0 = i * rowStride, r1 = r0 + rowStride, r2 = r1 + rowStride, r3 = r2 + rowStride;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const c0 = p * colStride, c1 = c0 + colStride, c2 = c1 + colStride, c3 = c2 + colStride;
      const a00 = a[r0 + c0], a01 = a[r0 + c1], a02 = a[r0 + c2], a03 = a[r0 + c3];
      const a10 = a[r1 + c0], a11 = a[r1 + c1], a12 = a[r1 + c2], a13 = a[r1 + c3];
      const a20 = a[r2 + c0], a21 = a[r2 + c1], a22 = a[r2 + c2], a23 = a[r2 + c3];
      const a30 = a[r3 + c0], a31 = a[r3 + c1], a32 = a[r3 + c2], a33 = a[r3 + c3];
      const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      for (let j = 0; j < m; j++) {
        const x0 = b[b0 + j], x1 = b[b1 + j], x2 = b[b2 + j], x3 = b[b3 + j];
        out[o0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        out[o1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
        out[o2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
        out[o3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
      }
    }
    for (; p < k; p++) {
      const c = p * colStride;
      const a0 = a[r0 + c], a1 = a[r1 + c], a2 = a[r2 + c], a3 = a[r3 + c];
      const bp = p * m;
      for (let j = 0; j < m; j++) {
        const x = b[bp + j];
        out[o0 + j] += a0 * x;
        out[o1 + j] += a1 * x;
        out[o2 + j] += a2 * x;
        out[o3 + j] += a3 * x;
      }
    }
  }
  for (; i < n; i++) accumulateRow(a, i * rowStride, colStride, b, out, i * m, k, m);
}

/** Row i of out += Σ_p A(i, p)·row p of B, four terms at a time (the rows left over by the 4-row blocks). */
function accumulateRow(a: Float64Array, r0: number, colStride: number, b: Float64Array, out: Float64Array, o0: number, k: number, m: number): void {
  let p = 0;
  for (; p + 3 < k; p += 4) {
    const a0 = a[r0 + p * colStride], a1 = a[r0 + (p + 1) * colStride], a2 = a[r0 + (p + 2) * colStride], a3 = a[r0 + (p + 3) * colStride];
    const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
    for (let j = 0; j < m; j++) out[o0 + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
  }
  for (; p < k; p++) {
    const ap = a[r0 + p * colStride], bp = p * m;
    for (let j = 0; j < m; j++) out[o0 + j] += ap * b[bp + j];
  }
}

/** Σ_j a[ai + j]·b[bi + j] for j < m, with four partial sums. */
function dot(a: Float64Array, ai: number, b: Float64Array, bi: number, m: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let j = 0;
  for (; j + 3 < m; j += 4) {
    s0 += a[ai + j] * b[bi + j];
    s1 += a[ai + j + 1] * b[bi + j + 1];
    s2 += a[ai + j + 2] * b[bi + j + 2];
    s3 += a[ai + j + 3] * b[bi + j + 3];
  }
  for (; j < m; j++) s0 += a[ai + j] * b[bi + j];
  return s0 + s1 + s2 + s3;
}

/**
 * out = scale·A·Bᵀ with A n × m, B k × m (out n × k): out(i, p) = scale·Σ_j A(i, j)·B(p, j).
 * Most entries (rows of out in pairs, columns in fours: the region n₂ × k₄ below) are plain
 * sums in j order, s = (((0 + A(i,0)·B(p,0)) + A(i,1)·B(p,1)) + …); the few others are dot
 * products with four partial sums. Those orders fix every bit of dW; the loops below keep them
 * but run faster:
 * - the region is computed i-k-j against Bᵀ (copied once, m × k₄, into a scratch buffer), so the
 *   inner loop runs along contiguous rows of out and Bᵀ, 4 rows × 4 terms at a time, like
 *   accumulateProduct; each output still receives its terms one by one in j order;
 * - the leftovers (an odd last row, the last k mod 4 columns) use `dot` as before.
 */
export function productTransposeB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number, scale: number): void {
  const n2 = n - (n % 2), k4 = k - (k % 4);
  if (n2 > 0 && k4 > 0 && simd && n2 * k4 * m >= SIMD_MIN_PRODUCT) {
    simd.productTransposeB(a, b, out, n2, k4, m, k, scale);
  } else if (n2 > 0 && k4 > 0) {
    const bt = scratchOf(m * k4);
    for (let p = 0; p < k4; p++) for (let j = 0, from = p * m; j < m; j++) bt[j * k4 + p] = b[from + j];
    for (let i = 0; i < n2; i++) for (let q = i * k, end = q + k4; q < end; q++) out[q] = 0;
    accumulateInOrder(a, bt, out, n2, k4, m, k);
    for (let i = 0; i < n2; i++) for (let q = i * k, end = q + k4; q < end; q++) out[q] *= scale;
  }
  for (let i = 0; i < n2; i++) for (let p = k4; p < k; p++) out[i * k + p] = scale * dot(a, i * m, b, p * m, m);
  for (let i = n2; i < n; i++) for (let p = 0; p < k; p++) out[i * k + p] = scale * dot(a, i * m, b, p * m, m);
}

/** One scratch buffer for Bᵀ, grown on demand (JavaScript runs one kernel at a time). */
let scratch = new Float64Array(0);
function scratchOf(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}

/**
 * out(i, p) += Σ_j A(i, j)·Bt(j, p) for i < n, p < kb, adding the terms one at a time in j order
 * (the order of a plain running sum): A n × m and Bt m × kb row-major, out with row stride ko.
 * Written `o + t0 + t1 + t2 + t3`, which JavaScript evaluates left to right.
 */
function accumulateInOrder(a: Float64Array, bt: Float64Array, out: Float64Array, n: number, kb: number, m: number, ko: number): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o0 = i * ko, o1 = o0 + ko, o2 = o1 + ko, o3 = o2 + ko;
    const r0 = i * m, r1 = r0 + m, r2 = r1 + m, r3 = r2 + m;
    let j = 0;
    for (; j + 3 < m; j += 4) {
      const a00 = a[r0 + j], a01 = a[r0 + j + 1], a02 = a[r0 + j + 2], a03 = a[r0 + j + 3];
      const a10 = a[r1 + j], a11 = a[r1 + j + 1], a12 = a[r1 + j + 2], a13 = a[r1 + j + 3];
      const a20 = a[r2 + j], a21 = a[r2 + j + 1], a22 = a[r2 + j + 2], a23 = a[r2 + j + 3];
      const a30 = a[r3 + j], a31 = a[r3 + j + 1], a32 = a[r3 + j + 2], a33 = a[r3 + j + 3];
      const b0 = j * kb, b1 = b0 + kb, b2 = b1 + kb, b3 = b2 + kb;
      for (let p = 0; p < kb; p++) {
        const x0 = bt[b0 + p], x1 = bt[b1 + p], x2 = bt[b2 + p], x3 = bt[b3 + p];
        out[o0 + p] = out[o0 + p] + a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        out[o1 + p] = out[o1 + p] + a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
        out[o2 + p] = out[o2 + p] + a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
        out[o3 + p] = out[o3 + p] + a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
      }
    }
    for (; j < m; j++) {
      const a0 = a[r0 + j], a1 = a[r1 + j], a2 = a[r2 + j], a3 = a[r3 + j];
      const bj = j * kb;
      for (let p = 0; p < kb; p++) {
        const x = bt[bj + p];
        out[o0 + p] += a0 * x;
        out[o1 + p] += a1 * x;
        out[o2 + p] += a2 * x;
        out[o3 + p] += a3 * x;
      }
    }
  }
  for (; i < n; i++) {
    const o0 = i * ko, r0 = i * m;
    for (let j = 0; j < m; j++) {
      const aj = a[r0 + j], bj = j * kb;
      for (let p = 0; p < kb; p++) out[o0 + p] += aj * bt[bj + p];
    }
  }
}
