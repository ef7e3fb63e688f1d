/**
 * The inner loops of the matrix products, on flat row-major Float64Arrays. matrix.ts checks the
 * shapes and says what is computed; these only make it fast (about 2–3·10⁹ multiply-adds per
 * second in V8, without SIMD):
 * - i-k-j order: the innermost loop runs along contiguous rows;
 * - register blocking: a few rows of the output are computed together, so each value loaded
 *   from memory feeds several products and each output element is loaded and stored once per
 *   four products;
 * - independent partial sums, so additions do not wait on one another.
 */

/**
 * out += A·B, with A n × k read through strides (A(i, p) = a[i·rowStride + p·colStride], so Aᵀ can
 * be read in place), B k × m and out n × m row-major. Blocks of 4 rows of out × 4 terms.
 */
export function accumulateProduct(
  a: Float64Array, rowStride: number, colStride: number, b: Float64Array, out: Float64Array, n: number, k: number, m: number,
): void {
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
 * out = scale·A·Bᵀ with A n × m, B k × m (out n × k): out(i, p) is the dot product of rows i of A
 * and p of B, both contiguous. Blocks of 2 rows of A × 4 rows of B: eight dot products share
 * six loads per step.
 */
export function productTransposeB(a: Float64Array, b: Float64Array, out: Float64Array, n: number, k: number, m: number, scale: number): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = i * m, a1 = a0 + m;
    const o0 = i * k, o1 = o0 + k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const b0 = p * m, b1 = b0 + m, b2 = b1 + m, b3 = b2 + m;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let j = 0; j < m; j++) {
        const x0 = a[a0 + j], x1 = a[a1 + j];
        const y0 = b[b0 + j], y1 = b[b1 + j], y2 = b[b2 + j], y3 = b[b3 + j];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      out[o0 + p] = scale * s00; out[o0 + p + 1] = scale * s01; out[o0 + p + 2] = scale * s02; out[o0 + p + 3] = scale * s03;
      out[o1 + p] = scale * s10; out[o1 + p + 1] = scale * s11; out[o1 + p + 2] = scale * s12; out[o1 + p + 3] = scale * s13;
    }
    for (; p < k; p++) {
      out[o0 + p] = scale * dot(a, a0, b, p * m, m);
      out[o1 + p] = scale * dot(a, a1, b, p * m, m);
    }
  }
  for (; i < n; i++) {
    for (let p = 0; p < k; p++) out[i * k + p] = scale * dot(a, i * m, b, p * m, m);
  }
}
