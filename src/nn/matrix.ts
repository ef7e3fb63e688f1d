import { accumulateProduct, productTransposeB } from './kernels';

/**
 * A dense matrix on one flat, row-major Float64Array: element (i, j) is data[i * cols + j].
 * A batch X is features × m, one column per sample, as in the equations on screen.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new RangeError(`Matrix: shape (${rows}×${cols}) must be two non-negative integers`);
    }
    if (data && data.length !== rows * cols) {
      throw new RangeError(`Matrix: (${rows}×${cols}) needs ${rows * cols} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Builds a matrix from an array of equal-length rows. */
  static fromRows(rows: number[][]): Matrix {
    const r = rows.length;
    const c = r === 0 ? 0 : rows[0].length;
    const out = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i].length !== c) throw new RangeError(`Matrix.fromRows: row ${i} has ${rows[i].length} values, row 0 has ${c}`);
      out.data.set(rows[i], i * c);
    }
    return out;
  }

  /** Element (i, j), zero-based. */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets element (i, j), zero-based. */
  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** The rows as plain arrays (for tests, CSV export and display). */
  toRows(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /** A deep copy. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }
}

/** '(r×c)', the way shapes are written in error messages and on screen. */
export function shapeOf(a: Matrix): string {
  return `(${a.rows}×${a.cols})`;
}

/** Throws `op: (r×c) and (r×c) shapes differ` unless a and b have the same shape. */
export function assertSameShape(op: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new RangeError(`${op}: ${shapeOf(a)} and ${shapeOf(b)} shapes differ`);
}

function assertShape(op: string, what: string, out: Matrix, rows: number, cols: number): void {
  if (out.rows !== rows || out.cols !== cols) {
    throw new RangeError(`${op}: ${what} is ${shapeOf(out)}, expected (${rows}×${cols})`);
  }
}

/** C = A·B   (n × k)·(k × m) → (n × m), a new matrix. */
export function matMul(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows, b.cols);
  matMulInto(a, b, out);
  return out;
}

/**
 * out = A·B   (n × k)·(k × m) → (n × m), written into `out`.
 * Loop order i-k-j (see kernels.ts): the inner loop runs along rows of B and out, both contiguous.
 */
export function matMulInto(a: Matrix, b: Matrix, out: Matrix): void {
  if (a.cols !== b.rows) throw new RangeError(`matMul: ${shapeOf(a)}·${shapeOf(b)} inner sizes differ`);
  assertShape('matMul', 'out', out, a.rows, b.cols);
  out.data.fill(0);
  accumulateProduct(a.data, a.cols, 1, b.data, out.data, a.rows, a.cols, b.cols);
}

/**
 * Z = W·A + b·1ᵀ   (n × k)·(k × m) + (n × 1) → (n × m): the affine step of a layer, the bias added
 * to every column. Each row of Z starts as b[i] and the products are accumulated onto it.
 */
export function affineInto(w: Matrix, a: Matrix, b: Matrix, out: Matrix): void {
  if (w.cols !== a.rows) throw new RangeError(`matMul: ${shapeOf(w)}·${shapeOf(a)} inner sizes differ`);
  if (b.rows !== w.rows || b.cols !== 1) throw new RangeError(`addColumnVector: ${shapeOf(w)}·${shapeOf(a)} and b ${shapeOf(b)}: b must be (${w.rows}×1)`);
  assertShape('affine', 'out', out, w.rows, a.cols);
  const m = a.cols;
  const z = out.data;
  // A plain loop rather than TypedArray#fill, which would box each bias value (an allocation per row).
  for (let i = 0; i < w.rows; i++) {
    const bi = b.data[i];
    for (let j = i * m, end = j + m; j < end; j++) z[j] = bi;
  }
  accumulateProduct(w.data, w.cols, 1, a.data, z, w.rows, w.cols, m);
}

/**
 * out = scale·A·Bᵀ   (n × m)·(k × m)ᵀ → (n × k), without forming Bᵀ: out[i][p] is the dot product
 * of row i of A and row p of B, both contiguous. This is dW = (1/m)·dZ·Aᵀ.
 */
export function matMulTransposeBInto(a: Matrix, b: Matrix, out: Matrix, scale = 1): void {
  if (a.cols !== b.cols) throw new RangeError(`matMul: ${shapeOf(a)}·${shapeOf(b)}ᵀ inner sizes differ`);
  assertShape('matMul', 'out', out, a.rows, b.rows);
  productTransposeB(a.data, b.data, out.data, a.rows, b.rows, a.cols, scale);
}

/**
 * out = Aᵀ·B   (n × k)ᵀ·(n × m) → (k × m), without forming Aᵀ: row i of B, scaled by A[i][p], is
 * added to row p of out. This is dA[l-1] = W[l]ᵀ·dZ[l].
 */
export function matMulTransposeAInto(a: Matrix, b: Matrix, out: Matrix): void {
  if (a.rows !== b.rows) throw new RangeError(`matMul: ${shapeOf(a)}ᵀ·${shapeOf(b)} inner sizes differ`);
  assertShape('matMul', 'out', out, a.cols, b.cols);
  out.data.fill(0);
  // Aᵀ(p, i) = A(i, p) = a[i·cols + p]: read A with row stride 1 and column stride A.cols.
  accumulateProduct(a.data, 1, a.cols, b.data, out.data, a.cols, a.rows, b.cols);
}

/** Aᵀ   (n × m) → (m × n), a new matrix. */
export function transpose(a: Matrix): Matrix {
  const out = new Matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return out;
}

/** A ⊙ B, the element-wise (Hadamard) product, a new matrix of the common shape. */
export function hadamard(a: Matrix, b: Matrix): Matrix {
  assertSameShape('hadamard', a, b);
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] * b.data[i];
  return out;
}

/** A + B, a new matrix. */
export function add(a: Matrix, b: Matrix): Matrix {
  assertSameShape('add', a, b);
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] + b.data[i];
  return out;
}

/** A − B, a new matrix. */
export function subtract(a: Matrix, b: Matrix): Matrix {
  assertSameShape('subtract', a, b);
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = a.data[i] - b.data[i];
  return out;
}

/** s·A, a new matrix. */
export function scale(a: Matrix, s: number): Matrix {
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) out.data[i] = s * a.data[i];
  return out;
}

/** A + v·1ᵀ   (n × m) + (n × 1): v added to every column (broadcast), a new matrix. */
export function addColumnVector(a: Matrix, v: Matrix): Matrix {
  if (v.rows !== a.rows || v.cols !== 1) throw new RangeError(`addColumnVector: ${shapeOf(a)} and ${shapeOf(v)}: the vector must be (${a.rows}×1)`);
  const out = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) out.data[i * a.cols + j] = a.data[i * a.cols + j] + v.data[i];
  }
  return out;
}

/** out = scale·Σ_columns A   (n × m) → (n × 1): the row sums. This is db = (1/m)·Σ dZ. */
export function sumColumnsInto(a: Matrix, out: Matrix, scale = 1): void {
  assertShape('sumColumns', 'out', out, a.rows, 1);
  for (let i = 0; i < a.rows; i++) {
    let s = 0;
    for (let j = i * a.cols, end = j + a.cols; j < end; j++) s += a.data[j];
    out.data[i] = scale * s;
  }
}

/** Σ_columns A   (n × m) → (n × 1), a new matrix. */
export function sumColumns(a: Matrix): Matrix {
  const out = new Matrix(a.rows, 1);
  sumColumnsInto(a, out);
  return out;
}

/** The row index of the largest value in column j of A (the first on ties): a sample's predicted or true class. */
export function argmaxColumn(a: Matrix, j: number): number {
  let best = 0;
  for (let i = 1; i < a.rows; i++) if (a.data[i * a.cols + j] > a.data[best * a.cols + j]) best = i;
  return best;
}

/** Copies the values of `from` into `to` (same shape). */
export function copyInto(from: Matrix, to: Matrix): void {
  assertSameShape('copy', from, to);
  to.data.set(from.data);
}

/** ‖A‖²_F = Σ a², the squared Frobenius norm. */
export function sumOfSquares(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * a.data[i];
  return s;
}
